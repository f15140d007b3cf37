package dev.sgplab.engine;

/**
 * The one source of "now" that models read. Virtual in the simulator, a real clock in the lab.
 * Time is in nanoseconds from an arbitrary origin (see {@link Time}).
 */
@FunctionalInterface
public interface Clock {
    long now();
}
