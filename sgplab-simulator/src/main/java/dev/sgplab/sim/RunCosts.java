package dev.sgplab.sim;

/**
 * What one simulated run's mitigations cost, as measured in it: successful lookups that needed a
 * retry (a try after the first, or a query after a timed-out one) and the seconds they waited for
 * it (extra start latency); NodeLocal DNSCache hits and misses over all nodes (0 and 0 without it);
 * ARP requests the CoreDNS nodes sent (broadcast and unicast probes: arp_solicit() calls).
 */
public record RunCosts(int retriedLookups, double retryWaitSeconds, long cacheHits, long cacheMisses,
        long arpRequests) {
}
