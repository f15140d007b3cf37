package dev.sgplab.engine;

/**
 * One action queued by a {@link RealTimeScheduler}, keyed by (time, sequence) so that equal times run
 * first-scheduled first. Cancelling is lazy: the event stays queued and is skipped when its time
 * comes (a real clock's few timers need no more).
 */
final class TimedEvent implements Cancellable {
    final long time;
    final long sequence;
    final Runnable action;
    private boolean cancelled;

    TimedEvent(long time, long sequence, Runnable action) {
        this.time = time;
        this.sequence = sequence;
        this.action = action;
    }

    boolean before(TimedEvent other) {
        return time < other.time || (time == other.time && sequence < other.sequence);
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }
}
