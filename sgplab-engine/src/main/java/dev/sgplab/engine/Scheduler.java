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

    /**
     * A series of {@code count} actions scheduled one at a time (each when the one before runs)
     * that rank, among events at equal times, as if all had been scheduled now: a long run need not
     * queue a million arrivals up front to keep their order. This default ranks them as scheduled.
     */
    default Series series(int count) {
        return this::scheduleAt;
    }

    /** See {@link #series}. */
    @FunctionalInterface
    interface Series {
        /** Schedules the series' next action at absolute time {@code at}. */
        Cancellable scheduleNext(long at, Runnable action);
    }
}
