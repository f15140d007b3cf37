package dev.sgplab.sim.bench;

import dev.sgplab.engine.Simulation;
import dev.sgplab.sim.ClusterSimulation;
import dev.sgplab.sim.Replications;
import dev.sgplab.sim.SimulationPlan;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.function.IntConsumer;

/**
 * The figures behind `sgplab bench`, measured after warm-up on one thread:
 * the median wall time of one replication, the simulator's events per second, and the engine's
 * throughput relative to a bare {@link PriorityQueue} replaying the same queue operations (the
 * pushes and pops one replication made, in order). Ratios compare two loops measured in one process,
 * so a noisy machine moves both.
 */
public final class SimulatorBench {

    public record Figures(double replicationMillisMedian, double eventsPerSecond, double ratioToPriorityQueue,
            double eventsPerReplication, int replications, int warmupReplications, long queueOperations) {
    }

    /**
     * Wall time of a sweep of 3 cooldowns x {@code replications} on {@code threads} threads, after one
     * untimed warm-up sweep: what `sgplab sweep` costs an operator.
     */
    public static double sweepSeconds(dev.sgplab.scenario.ScenarioTree tree, int replications, int threads) {
        java.util.List<dev.sgplab.sim.sweep.Vary> axes = java.util.List.of(
                dev.sgplab.sim.sweep.Vary.parse("controller.branch-eni-cooldown=30,60,70"));
        dev.sgplab.sim.sweep.Sweep.run(tree, axes, Math.max(1, replications / 10), 99, threads, null, null);
        long start = System.nanoTime();
        dev.sgplab.sim.sweep.Sweep.run(tree, axes, replications, 1, threads, null, null);
        return (System.nanoTime() - start) / 1e9;
    }

    private static final Runnable NOTHING = () -> { };

    private SimulatorBench() {
    }

    public static Figures measure(SimulationPlan plan, int warmup, int replications, IntConsumer progress) {
        for (int r = 0; r < warmup; r++) {
            new ClusterSimulation(plan, Replications.seedOf(7, r), ClusterSimulation.Detail.COUNTS).run();
            if (progress != null) {
                progress.accept(r + 1);
            }
        }
        long[] nanos = new long[replications];
        long events = 0;
        long total = 0;
        for (int r = 0; r < replications; r++) {
            long start = System.nanoTime();
            events += new ClusterSimulation(plan, Replications.seedOf(1, r), ClusterSimulation.Detail.COUNTS).run().events();
            nanos[r] = System.nanoTime() - start;
            total += nanos[r];
            if (progress != null) {
                progress.accept(warmup + r + 1);
            }
        }
        Arrays.sort(nanos);
        double median = replications % 2 == 1 ? nanos[replications / 2]
                : (nanos[replications / 2 - 1] + nanos[replications / 2]) / 2.0;
        long[] operations = recordOperations(plan);
        double ratio = replayRatio(operations);
        return new Figures(median / 1e6, events / (total / 1e9), ratio, events / (double) replications, replications,
                warmup, operations.length);
    }

    static long[] recordOperations(SimulationPlan plan) {
        LongList ops = new LongList();
        ClusterSimulation run = new ClusterSimulation(plan, Replications.seedOf(1, 0), ClusterSimulation.Detail.COUNTS);
        run.recordQueueOperations(ops::add);
        run.run();
        return ops.toArray();
    }

    /** Engine ops per second divided by PriorityQueue ops per second, best of several rounds each. */
    static double replayRatio(long[] operations) {
        long engineBest = Long.MAX_VALUE;
        long queueBest = Long.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < 40; round++) {
            long start = System.nanoTime();
            sink += replayEngine(operations);
            engineBest = Math.min(engineBest, System.nanoTime() - start);
            start = System.nanoTime();
            sink += replayPriorityQueue(operations);
            queueBest = Math.min(queueBest, System.nanoTime() - start);
        }
        if (sink == 42) {
            System.out.print(""); // keeps the replays from being optimised away
        }
        return queueBest / (double) engineBest;
    }

    static long replayEngine(long[] operations) {
        Simulation sim = new Simulation();
        for (long op : operations) {
            if (op == Simulation.POP) {
                sim.step();
            } else {
                sim.scheduleAt(op, NOTHING);
            }
        }
        return sim.executedEvents();
    }


    static long replayPriorityQueue(long[] operations) {
        PriorityQueue<QueueEntry> queue = new PriorityQueue<>();
        long sequence = 0;
        long popped = 0;
        for (long op : operations) {
            if (op == Simulation.POP) {
                if (queue.poll() != null) {
                    popped++;
                }
            } else {
                queue.add(new QueueEntry(op, sequence++));
            }
        }
        return popped;
    }

    private static final class LongList {
        private long[] values = new long[4096];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
