package dev.sgplab.model.neighbour;

/** Observes a table; traces, metrics and golden dumps are built from these calls, never inside the model. */
public interface NeighbourListener {
    void stateChanged(NeighbourEntry entry, NudState from, NudState to, long now);

    default void removed(NeighbourEntry entry, long now) {
    }
}
