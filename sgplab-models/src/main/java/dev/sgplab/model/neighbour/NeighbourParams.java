package dev.sgplab.model.neighbour;

import dev.sgplab.engine.Time;

/**
 * Per-device neighbour parameters: the files of /proc/sys/net/ipv4/neigh/DEV/ (struct neigh_parms).
 * Durations are in nanoseconds. Defaults are the kernel's (Documentation/networking/ip-sysctl.rst,
 * net/ipv4/arp.c arp_tbl).
 */
public record NeighbourParams(
        long baseReachableTime,
        long delayFirstProbeTime,
        long retransTime,
        int ucastSolicit,
        int mcastSolicit,
        int mcastResolicit,
        int appSolicit,
        long gcStaleTime,
        long locktime,
        int unresQlenBytes) {

    public static final NeighbourParams LINUX_DEFAULTS = new NeighbourParams(
            Time.millis(30_000), Time.seconds(5), Time.millis(1_000), 3, 3, 0, 0, Time.seconds(60),
            Time.seconds(1), 212_992);

    public NeighbourParams {
        requirePositive("base_reachable_time_ms", baseReachableTime);
        requireNonNegative("delay_first_probe_time", delayFirstProbeTime);
        requirePositive("retrans_time_ms", retransTime);
        requireNonNegative("ucast_solicit", ucastSolicit);
        requireNonNegative("mcast_solicit", mcastSolicit);
        requireNonNegative("mcast_resolicit", mcastResolicit);
        requireNonNegative("app_solicit", appSolicit);
        requirePositive("gc_stale_time", gcStaleTime);
        requireNonNegative("locktime", locktime);
        requireNonNegative("unres_qlen_bytes", unresQlenBytes);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void requireNonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }

    /** neigh_max_probes(): how many probes before INCOMPLETE or PROBE gives up. */
    int maxProbes(NudState state) {
        return ucastSolicit + appSolicit + (state == NudState.PROBE ? mcastResolicit : mcastSolicit);
    }

    /** The retransmit interval as the timer handler uses it: at least HZ/100. */
    long retransInterval() {
        return Math.max(retransTime, Time.millis(10));
    }
}
