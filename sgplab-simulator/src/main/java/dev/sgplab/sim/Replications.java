package dev.sgplab.sim;

import dev.sgplab.engine.RandomStreams;
import dev.sgplab.observe.RunObservations;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs N independent replications of a plan, on as many threads as asked. Replication r always uses
 * the seed derived from (master seed, r), and results are kept by index, so the outcome is the same
 * whatever the thread count. The same r gets the same seed under every cooldown: comparisons between
 * cooldowns use common random numbers.
 */
public final class Replications {
    private Replications() {
    }

    public static long seedOf(long masterSeed, int replication) {
        return new RandomStreams(masterSeed).child("replication-" + replication).masterSeed();
    }

    /** Error pods of each replication (no pod details kept). */
    public static int[] errorCounts(SimulationPlan plan, long masterSeed, int replications, int threads,
            IntConsumer progress) {
        List<RunObservations> runs = run(plan, masterSeed, replications, threads, progress);
        int[] counts = new int[replications];
        for (int i = 0; i < replications; i++) {
            counts[i] = runs.get(i).errorPods();
        }
        return counts;
    }

    public static List<RunObservations> run(SimulationPlan plan, long masterSeed, int replications, int threads,
            IntConsumer progress) {
        if (replications <= 0) {
            throw new IllegalArgumentException("replications must be positive");
        }
        RunObservations[] results = new RunObservations[replications];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Runnable worker = () -> {
            for (int r = next.getAndIncrement(); r < replications; r = next.getAndIncrement()) {
                results[r] = new ClusterSimulation(plan, seedOf(masterSeed, r), ClusterSimulation.Detail.COUNTS).run();
                if (progress != null) {
                    progress.accept(done.incrementAndGet());
                }
            }
        };
        Parallel.run(worker, Math.max(1, Math.min(threads, replications)));
        return List.of(results);
    }
}
