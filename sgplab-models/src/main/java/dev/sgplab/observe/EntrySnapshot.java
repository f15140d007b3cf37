package dev.sgplab.observe;

import dev.sgplab.model.neighbour.NudState;

/**
 * A neighbour entry as {@code ip neigh} would show it on one CoreDNS node at one moment; the state is
 * {@link NudState#ABSENT} when the node has no entry for the address. The MAC (lower-case colon form)
 * is null unless the entry holds one.
 */
public record EntrySnapshot(String node, String device, NudState state, String mac) {
    /** What a node with no entry for the address shows. */
    public static EntrySnapshot absent(String node, String device) {
        return new EntrySnapshot(node, device, NudState.ABSENT, null);
    }

    /** Whether the kernel sends to this entry's MAC without resolving first, and that MAC is {@code mac}. */
    public boolean sendsTo(String mac) {
        return state.valid() && this.mac != null && this.mac.equals(mac);
    }
}
