package dev.sgplab.lab;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The lab's own worker threads: daemons, so that a lab worker never keeps the JVM alive after the
 * command has ended, named for what they do (as a thread dump shows them), and stopped with a
 * bounded wait.
 */
final class LabThreads {
    /** How long a stop waits for the task in hand: a command it runs has its own timeout. */
    static final long STOP_WAIT_SECONDS = 5;

    private LabThreads() {
    }

    static ThreadFactory daemons(String name) {
        return body -> {
            Thread thread = new Thread(body, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Stops the workers: queued tasks are dropped, the running one is interrupted and given
     * {@link #STOP_WAIT_SECONDS} to end. An interrupt of the caller while it waits is kept for the caller.
     */
    static void stop(ExecutorService workers) {
        workers.shutdownNow();
        try {
            workers.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
