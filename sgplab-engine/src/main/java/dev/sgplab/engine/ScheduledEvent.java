package dev.sgplab.engine;

/**
 * The handle to an action queued in a {@link Simulation}. The queue keeps the action and its key in
 * its own arrays, not here: it never reads this object, which only its caller keeps (most callers
 * drop it at once). The id and sequence name the queued event; the id is reused after the event ran
 * or was cancelled, the sequence never is.
 */
final class ScheduledEvent implements Cancellable {
    private final Simulation simulation;
    private final int id;
    private final long sequence;
    private boolean cancelled;

    ScheduledEvent(Simulation simulation, int id, long sequence) {
        this.simulation = simulation;
        this.id = id;
        this.sequence = sequence;
    }

    /** Removes the event from the queue if it is still there; after it ran, only marks it. */
    @Override
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        simulation.dequeue(id, sequence);
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }
}
