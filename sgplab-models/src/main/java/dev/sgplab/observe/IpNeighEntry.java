package dev.sgplab.observe;

import dev.sgplab.model.neighbour.NudState;

/**
 * One neighbour entry as {@code ip -j neigh} shows it: the address, the device, the NUD state and the
 * link-layer address (lower-case colon form; null when the entry holds none, as INCOMPLETE and FAILED
 * entries). What the guard decides on and the kernel lab records; sgplab-guard's IpNeighbourJson
 * reads it from iproute2's output.
 */
public record IpNeighEntry(String ip, String device, NudState state, String mac) {
    /** The entry as one CoreDNS node's snapshot in a result. */
    public EntrySnapshot on(String node) {
        return new EntrySnapshot(node, device, state, mac);
    }
}
