package dev.sgplab.cli;

import java.util.function.Supplier;

/**
 * Work on something that must be torn down at the end, on failure, and on Ctrl-C: a shutdown hook
 * runs the teardown while the work is still running, so it must be idempotent and thread-safe. A
 * failing teardown at the end propagates; in the hook it can only be printed.
 */
final class CleanupOnExit {
    private CleanupOnExit() {
    }

    static <T> T run(Runnable teardown, String name, Supplier<T> work) {
        Thread hook = new Thread(() -> {
            try {
                teardown.run();
            } catch (RuntimeException e) {
                System.err.println("sgplab: cleanup after interrupt: " + Errors.oneLine(e.getMessage()));
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.get();
        } finally {
            teardown.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook runs, and the teardown is idempotent
            }
        }
    }
}
