package dev.sgplab.bench;

import dev.sgplab.engine.Cancellable;
import dev.sgplab.engine.Scheduler;
import dev.sgplab.engine.Simulation;
import dev.sgplab.engine.SimulationBefore;
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
 * The engine's hold model (pop one, push one later) at several queue sizes: the engine, the engine
 * before issue #13's event queue ({@link SimulationBefore}: binary heap, lazy cancel) and a bare
 * PriorityQueue doing the same. The "rearming" pair adds what a long run's neighbour timers do: every
 * fourth event cancels a timer and queues it again, so that about a fifth of what the engine before
 * popped were cancelled events (18 % in the 1,000-node run). Each benchmark runs in its own JVM
 * ({@code @Fork}), so the two engines do not share the JIT's profile.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventQueueBenchmark {
    static final int OPERATIONS = 100_000;
    /** Longer than the longest hold delay: a timer is re-armed before it fires, until the run's end. */
    static final long TIMER_DELAY = 4_000_000;
    private static final Runnable NOTHING = () -> { };

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
        return onEngine(false);
    }

    @Benchmark
    @OperationsPerInvocation(OPERATIONS)
    public long engineBefore() {
        return onEngineBefore(false);
    }

    @Benchmark
    @OperationsPerInvocation(OPERATIONS)
    public long engineRearming() {
        return onEngine(true);
    }

    @Benchmark
    @OperationsPerInvocation(OPERATIONS)
    public long engineBeforeRearming() {
        return onEngineBefore(true);
    }

    private long onEngine(boolean rearm) {
        Simulation sim = new Simulation();
        hold(sim, rearm);
        sim.run();
        return sim.executedEvents();
    }

    private long onEngineBefore(boolean rearm) {
        SimulationBefore sim = new SimulationBefore();
        hold(sim, rearm);
        sim.run();
        return sim.executedEvents();
    }

    /**
     * Queues {@code queueSize} events, each of which queues the next until {@code OPERATIONS} have run;
     * with {@code rearm}, every fourth also cancels one of {@code queueSize / 4} timers and queues it again.
     */
    private void hold(Scheduler sim, boolean rearm) {
        long[] next = {0};
        Cancellable[] timers = new Cancellable[Math.max(1, queueSize / 4)];
        Runnable[] hold = new Runnable[1];
        hold[0] = () -> {
            int i = (int) (next[0]++ % OPERATIONS);
            if (next[0] < OPERATIONS) {
                sim.scheduleAfter(delays[i], hold[0]);
            }
            if (rearm && i % 4 == 0) {
                int timer = (i / 4) % timers.length;
                if (timers[timer] != null) {
                    timers[timer].cancel();
                }
                timers[timer] = sim.scheduleAfter(TIMER_DELAY, NOTHING);
            }
        };
        for (int i = 0; i < queueSize; i++) {
            sim.scheduleAt(delays[i], hold[0]);
        }
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
