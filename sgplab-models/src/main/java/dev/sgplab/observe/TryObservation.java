package dev.sgplab.observe;

import java.util.List;

/**
 * One try of one DNS query: when it was sent, which CoreDNS replica answered it, the entry for the
 * pod's IP on that replica's node just before the reply went out, and what became of the reply.
 * {@code otherNodes} holds the same entry on the other CoreDNS nodes (filled when tracing).
 */
public record TryObservation(int query, int attempt, double sentAt, int replica, EntrySnapshot entry,
        TryOutcome outcome, List<EntrySnapshot> otherNodes) {
}
