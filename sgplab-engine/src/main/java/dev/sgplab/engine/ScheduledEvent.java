package dev.sgplab.engine;

/**
 * One action queued in a {@link Simulation}. Its key (time, sequence) is kept by the {@link EventQueue}
 * beside it, not here: the queue compares keys without reading events, and a smaller event is a
 * smaller allocation (one per scheduled action). The event knows its slot in the queue so that
 * cancelling removes it at once.
 */
final class ScheduledEvent implements Cancellable {
    static final int NOT_QUEUED = -1;

    final Runnable action;
    private final Simulation simulation;
    /** Where the event sits in the simulation's queue; {@link #NOT_QUEUED} once run or cancelled. */
    int slot = NOT_QUEUED;
    private boolean cancelled;

    ScheduledEvent(Simulation simulation, Runnable action) {
        this.simulation = simulation;
        this.action = action;
    }

    /** Removes the event from the queue if it is still there; after it ran, only marks it. */
    @Override
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        if (slot != NOT_QUEUED) {
            simulation.dequeueCancelled(this);
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }
}
