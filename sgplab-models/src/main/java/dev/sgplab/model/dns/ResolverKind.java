package dev.sgplab.model.dns;

import dev.sgplab.model.names.KebabNames;

/** The stub resolver inside the pod's image. */
public enum ResolverKind {
    /**
     * glibc (Debian, Ubuntu, Amazon Linux images): res_send() tries each nameserver in turn, waiting
     * {@code timeout} seconds per try, {@code attempts} rounds; A and AAAA go out together on one
     * socket; res_search() walks the search list and gives up on the first timeout (TRY_AGAIN is
     * not a reason to try the next domain). Source: glibc resolv/res_send.c, resolv/res_query.c.
     */
    GLIBC,
    /**
     * musl (Alpine, busybox images): __res_msend() sends to all nameservers at once and retransmits
     * every timeout/attempts seconds until {@code timeout} seconds have passed in total. Source:
     * musl src/network/res_msend.c.
     */
    MUSL,
    /**
     * busybox nslookup (1.28 and later), used by busybox images: its own loop, modelled on musl's,
     * sends every query at once on one socket — A and AAAA of each search expansion, and expands
     * only a name without a dot — retransmits the unanswered ones every timeout/retry seconds
     * (defaults 5 and 2, its -timeout= and -retry= flags; resolv.conf options are ignored) and gives
     * up after timeout seconds. One socket: one CoreDNS replica for the whole lookup.
     * Source: busybox networking/nslookup.c send_queries(), add_query_with_search().
     */
    BUSYBOX;

    /** As a scenario names it ({@code dns.resolver}), in {@link KebabNames} spelling. */
    public static ResolverKind fromKey(String key) {
        return KebabNames.parse(ResolverKind.class, key, "resolver");
    }
}
