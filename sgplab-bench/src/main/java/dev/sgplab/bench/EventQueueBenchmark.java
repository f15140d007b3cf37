package dev.sgplab.bench;

import dev.sgplab.engine.Simulation;
import dev.sgplab.sim.bench.QueueEntry;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's hold model (pop one, push one later) against a bare PriorityQueue doing the same,
 * at several queue sizes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventQueueBenchmark {
    static final int OPERATIONS = 100_000;

    @Param({"16", "256", "4096"})
    public int queueSize;

    private long[] delays;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        delays = new long[OPERATIONS];
        for (int i = 0; i < OPERATIONS; i++) {
            delays[i] = 1 + random.nextInt(1_000_000);
        }
    }

    @Benchmark
    @OperationsPerInvocation(OPERATIONS)
    public long engine() {
        Simulation sim = new Simulation();
        long[] next = {0};
        Runnable[] hold = new Runnable[1];
        hold[0] = () -> {
            int i = (int) (next[0]++ % OPERATIONS);
            if (next[0] < OPERATIONS) {
                sim.scheduleAfter(delays[i], hold[0]);
            }
        };
        for (int i = 0; i < queueSize; i++) {
            sim.scheduleAt(delays[i], hold[0]);
        }
        sim.run();
        return sim.executedEvents();
    }


    @Benchmark
    @OperationsPerInvocation(OPERATIONS)
    public long priorityQueue() {
        PriorityQueue<QueueEntry> queue = new PriorityQueue<>();
        long sequence = 0;
        for (int i = 0; i < queueSize; i++) {
            queue.add(new QueueEntry(delays[i], sequence++));
        }
        long done = 0;
        while (!queue.isEmpty()) {
            QueueEntry e = queue.poll();
            done++;
            if (done < OPERATIONS) {
                queue.add(new QueueEntry(e.time() + delays[(int) (done % OPERATIONS)], sequence++));
            }
        }
        return done;
    }
}
