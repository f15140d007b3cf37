package dev.sgplab.observe;

import java.util.List;

/**
 * One IP reused after a gap with a new MAC, as the simulator or the kernel lab saw it: whether the
 * new owner's lookup succeeded, for how long replies went to the old MAC (from the new owner's first
 * query until the DNS node's entry held the new MAC), the entry states seen meanwhile, and the tries.
 */
public record ProbeObservation(String backend, double gapSeconds, String regime, String lookup,
        double repliesLostSeconds, List<SeenState> statesSeen, List<TryObservation> tries) {
    public static final String OK = "ok";
    public static final String FAILED = "failed";
}
