package dev.sgplab.lab;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The lab's changes to the system (namespaces, resolver processes), run one at a time in the order
 * the models asked for them, off the clock's thread. The first failure is kept, and the run stops
 * on it rather than going on with a half-made pod.
 */
final class Effects {
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sgplab-lab-effects");
        t.setDaemon(true);
        return t;
    });
    private volatile RuntimeException failure;
    private volatile boolean stopped;

    void submit(Runnable effect) {
        if (stopped) {
            return;
        }
        executor.execute(() -> {
            if (stopped || failure != null) {
                return;
            }
            try {
                effect.run();
            } catch (RuntimeException e) {
                if (!stopped) {
                    failure = e;
                }
            }
        });
    }

    RuntimeException failure() {
        return failure;
    }

    void stop() {
        stopped = true;
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
