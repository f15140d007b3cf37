package dev.sgplab.engine;

/** A handle to something scheduled. Cancelling is lazy: the event stays queued but will not run. */
public interface Cancellable {
    void cancel();

    boolean isCancelled();
}
