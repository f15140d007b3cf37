package dev.sgplab.lab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The lab's changes to the system (namespaces, resolver processes), run one at a time in the order
 * the models asked for them, off the clock's thread. The first failure is kept, and the run stops
 * on it rather than going on with a half-made pod.
 */
final class Effects {
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            LabThreads.daemons("sgplab-lab-effects"));
    private volatile RuntimeException failure;
    private volatile boolean stopped;
    /** Real nanoseconds from each effect's submission to its start, in the order they ran. */
    private final List<Long> lags = Collections.synchronizedList(new ArrayList<>());

    void submit(Runnable effect) {
        if (stopped) {
            return;
        }
        long submitted = System.nanoTime();
        executor.execute(() -> {
            if (stopped || failure != null) {
                return;
            }
            lags.add(System.nanoTime() - submitted);
            try {
                effect.run();
            } catch (RuntimeException e) {
                if (!stopped) {
                    failure = e;
                }
            }
        });
    }

    /** The 95th percentile and the largest lag so far, in real seconds ({0, 0} before any effect). */
    double[] lagSeconds() {
        long[] sorted;
        synchronized (lags) {
            sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        if (sorted.length == 0) {
            return new double[] {0, 0};
        }
        return new double[] {sorted[(int) Math.ceil(0.95 * sorted.length) - 1] / 1e9, sorted[sorted.length - 1] / 1e9};
    }

    /** A failure found outside the effects (e.g. the arp count keeper's): the run stops on it too. */
    void fail(RuntimeException e) {
        if (!stopped && failure == null) {
            failure = e;
        }
    }

    RuntimeException failure() {
        return failure;
    }

    void stop() {
        stopped = true;
        LabThreads.stop(executor);
    }
}
