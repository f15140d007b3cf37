package dev.sgplab.sim;

import dev.sgplab.engine.RandomStreams;
import dev.sgplab.observe.RunObservations;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        int workers = Math.max(1, Math.min(threads, replications));
        if (workers == 1) {
            worker.run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "sgplab-replication");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < workers; i++) {
                    futures.add(pool.submit(worker));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        return List.of(results);
    }
}
