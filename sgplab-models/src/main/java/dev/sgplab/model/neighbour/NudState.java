package dev.sgplab.model.neighbour;

/**
 * Neighbour Unreachability Detection states, as in include/uapi/linux/neighbour.h, with the
 * kernel's groupings (include/net/neighbour.h: NUD_IN_TIMER, NUD_VALID, NUD_CONNECTED).
 */
public enum NudState {
    NONE, INCOMPLETE, REACHABLE, STALE, DELAY, PROBE, FAILED, NOARP, PERMANENT;

    /** NUD_IN_TIMER: a timer is running; periodic GC never removes such an entry. */
    public boolean inTimer() {
        return this == INCOMPLETE || this == REACHABLE || this == DELAY || this == PROBE;
    }

    /** NUD_VALID: the entry holds a usable link-layer address. */
    public boolean valid() {
        return this == PERMANENT || this == NOARP || this == REACHABLE || this == PROBE || this == STALE
                || this == DELAY;
    }

    /** NUD_CONNECTED: packets go out on the fast path without any state change. */
    public boolean connected() {
        return this == PERMANENT || this == NOARP || this == REACHABLE;
    }
}
