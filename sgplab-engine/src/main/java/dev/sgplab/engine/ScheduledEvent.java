package dev.sgplab.engine;

/** One queued action. Ordered by (time, sequence) so that equal times run first-scheduled first. */
final class ScheduledEvent implements Cancellable {
    final long time;
    final long sequence;
    final Runnable action;
    private boolean cancelled;

    ScheduledEvent(long time, long sequence, Runnable action) {
        this.time = time;
        this.sequence = sequence;
        this.action = action;
    }

    boolean before(ScheduledEvent other) {
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
