package dev.sgplab.observe;

import dev.sgplab.model.neighbour.NudState;
import java.util.List;

/**
 * One state the probe's neighbour entry went through, as {@link ProbeObservation#statesSeen()} lists
 * it: the NUD state and, when the entry holds a usable address, whether it is the old owner's MAC or
 * the new one's. {@link #text()} words it ("STALE (old MAC)", "FAILED", "none"); {@link #parse} reads
 * the words back.
 */
public record SeenState(NudState state, Holder holder) {
    /** Whose MAC a valid entry holds; NEITHER for an entry without a usable address, or someone else's. */
    public enum Holder {
        OLD_OWNER(" (old MAC)"), NEW_OWNER(" (new MAC)"), NEITHER("");

        private final String suffix;

        Holder(String suffix) {
            this.suffix = suffix;
        }
    }

    /** The state as seen: only an entry the kernel sends through (NUD_VALID) names whose MAC it holds. */
    public static SeenState of(NudState state, boolean oldOwnersMac, boolean newOwnersMac) {
        Holder holder = !state.valid() ? Holder.NEITHER
                : oldOwnersMac ? Holder.OLD_OWNER : newOwnersMac ? Holder.NEW_OWNER : Holder.NEITHER;
        return new SeenState(state, holder);
    }

    /** Adds {@code seen} unless it is the last one listed: the list holds changes only. */
    public static void appendChange(List<SeenState> seen, SeenState state) {
        if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state)) {
            seen.add(state);
        }
    }

    public String text() {
        return state.shown() + holder.suffix;
    }

    /**
     * The state a result names: the inverse of {@link #text()}.
     *
     * @throws IllegalArgumentException for words that name no state
     */
    public static SeenState parse(String text) {
        for (Holder holder : Holder.values()) {
            if (holder != Holder.NEITHER && text.endsWith(holder.suffix)) {
                return new SeenState(NudState.ofShown(text.substring(0, text.length() - holder.suffix.length())), holder);
            }
        }
        return new SeenState(NudState.ofShown(text), Holder.NEITHER);
    }
}
