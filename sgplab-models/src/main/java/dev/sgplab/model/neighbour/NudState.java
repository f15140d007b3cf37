package dev.sgplab.model.neighbour;

/**
 * Neighbour Unreachability Detection states, as in include/uapi/linux/neighbour.h, with the
 * kernel's groupings (include/net/neighbour.h: NUD_IN_TIMER, NUD_VALID, NUD_CONNECTED).
 *
 * <p>Deviation: {@link #ABSENT} is not a kernel state. It says that there is no entry for the address
 * at all, so that one type carries whatever an observer (the simulator's trace, the kernel lab's
 * {@code ip -j neigh} reads, the guard) can see; the model's own entries are never ABSENT. It differs
 * from {@link #NONE}, NUD_NONE, an entry that exists but holds no state yet.
 */
public enum NudState {
    NONE, INCOMPLETE, REACHABLE, STALE, DELAY, PROBE, FAILED, NOARP, PERMANENT,
    /** No entry for the address (not a kernel state; see the class comment). */
    ABSENT;

    /** How sgplab's results write "no entry" (since the first version); every other state by its kernel name. */
    private static final String ABSENT_WORD = "none";

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

    /** The state as results and traces show it: the kernel's name (as {@code ip neigh} prints it), "none" for no entry. */
    public String shown() {
        return this == ABSENT ? ABSENT_WORD : name();
    }

    /**
     * The state a result or {@code ip neigh} names: the inverse of {@link #shown()}, case as written
     * ("none" is no entry, "NONE" the kernel's NUD_NONE).
     *
     * @throws IllegalArgumentException for a word that names no state
     */
    public static NudState ofShown(String word) {
        if (ABSENT_WORD.equals(word)) {
            return ABSENT;
        }
        for (NudState state : values()) {
            if (state != ABSENT && state.name().equals(word)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown neighbour state '" + word + "'");
    }
}
