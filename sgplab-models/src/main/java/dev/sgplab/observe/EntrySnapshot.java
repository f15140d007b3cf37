package dev.sgplab.observe;

/** A neighbour entry as {@code ip neigh} would show it on one CoreDNS node at one moment. */
public record EntrySnapshot(String node, String device, String state, String mac) {
    /** What a node with no entry for the address shows. */
    public static EntrySnapshot absent(String node, String device) {
        return new EntrySnapshot(node, device, "none", null);
    }
}
