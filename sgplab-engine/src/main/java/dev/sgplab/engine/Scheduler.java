package dev.sgplab.engine;

/**
 * What models may ask of time: read it and run an action later. Models never sleep or read the wall
 * clock; the simulator backs this with a virtual clock, the lab with a real one.
 */
public interface Scheduler extends Clock {
    /** Runs {@code action} at absolute time {@code at} (nanoseconds); {@code at} before now means now. */
    Cancellable scheduleAt(long at, Runnable action);

    default Cancellable scheduleAfter(long delay, Runnable action) {
        return scheduleAt(now() + Math.max(0, delay), action);
    }
}
