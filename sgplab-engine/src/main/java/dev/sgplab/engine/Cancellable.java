package dev.sgplab.engine;

/**
 * A handle to something scheduled. A cancelled action never runs; whether it leaves the queue at once
 * ({@link Simulation}) or when its time comes ({@link RealTimeScheduler}) is the scheduler's business.
 */
public interface Cancellable {
    void cancel();

    boolean isCancelled();
}
