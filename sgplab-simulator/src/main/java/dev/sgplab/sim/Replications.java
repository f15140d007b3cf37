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
    /**
     * At most this many replications of one setting: 200-pod runs then resolve an Error rate to
     * about 1.5e-8 (three events in 2e8 pods), finer than any question sgplab answers.
     */
    public static final int MAX_PER_SETTING = 1_000_000;
    /** At most this many runs in one command (replications x settings): hours on a laptop. */
    public static final long MAX_RUNS = 10_000_000;

    private Replications() {
    }

    /** Why this count of replications per setting, over this many settings, is refused; null when it is fine. */
    public static String refusal(long perSetting, long settings) {
        if (perSetting <= 0) {
            return "must be positive, got " + perSetting;
        }
        if (perSetting > MAX_PER_SETTING) {
            return "must be at most " + String.format(java.util.Locale.ROOT, "%,d", MAX_PER_SETTING)
                    + " per setting (enough to resolve an Error rate of 1e-8), got "
                    + String.format(java.util.Locale.ROOT, "%,d", perSetting);
        }
        if (settings > MAX_RUNS / perSetting) {
            return String.format(java.util.Locale.ROOT, "%,d x %,d settings = %,d runs is over sgplab's bound of "
                    + "%,d runs per command", perSetting, settings, java.math.BigInteger.valueOf(perSetting)
                    .multiply(java.math.BigInteger.valueOf(settings)), MAX_RUNS);
        }
        return null;
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
        String refusal = refusal(replications, 1);
        if (refusal != null) {
            throw new IllegalArgumentException("replications " + refusal);
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
