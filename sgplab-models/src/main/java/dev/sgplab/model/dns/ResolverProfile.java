package dev.sgplab.model.dns;

import dev.sgplab.engine.Time;
import java.util.ArrayList;
import java.util.List;

/**
 * A pod's resolver as resolv.conf and its C library make it: when each try of one query is sent and
 * when the query is given up, which names the search list makes of the looked-up name, and how many
 * replies a try needs (A and AAAA, unless single-request).
 *
 * <p>Sources: resolv.conf(5) (timeout default 5, attempts default 2, ndots default 1, Kubernetes
 * sets ndots:5 and the search list namespace.svc.cluster.local svc.cluster.local cluster.local);
 * glibc resolv/res_send.c and res_query.c; musl src/network/res_msend.c and lookup_name.c.
 *
 * <p>Deviation: which candidate name exists is decided by {@link #answers(String, String)}: a name
 * under the cluster domain exists only as SERVICE.NAMESPACE.svc.CLUSTER-DOMAIN with NAMESPACE one of
 * the cluster's namespaces (the service is assumed to exist: the test looks up a name that does);
 * any other name exists only as given (so the node's own search domains return NXDOMAIN).
 */
public record ResolverProfile(ResolverKind kind, int timeoutSeconds, int attempts, int ndots,
        List<String> searchDomains, boolean singleRequest, String clusterDomain, List<String> clusterNamespaces) {

    public ResolverProfile {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("resolver timeout must be at least 1 s, got " + timeoutSeconds);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("resolver attempts must be at least 1, got " + attempts);
        }
        if (ndots < 0) {
            throw new IllegalArgumentException("ndots must not be negative, got " + ndots);
        }
        searchDomains = List.copyOf(searchDomains);
        clusterNamespaces = List.copyOf(clusterNamespaces);
    }

    /** When each try of one query is sent, relative to the query's start (nanoseconds). */
    public long[] tryOffsets() {
        long[] offsets = new long[attempts];
        long interval = kind == ResolverKind.GLIBC
                ? Time.seconds(timeoutSeconds)
                : Time.seconds(timeoutSeconds) / attempts; // musl and busybox: timeout/attempts
        for (int i = 0; i < attempts; i++) {
            offsets[i] = i * interval;
        }
        return offsets;
    }

    /** How long after its start a query with no answer is given up. */
    public long queryDeadline() {
        return kind == ResolverKind.GLIBC
                ? Time.seconds((long) timeoutSeconds * attempts)
                : Time.seconds(timeoutSeconds);
    }

    /** Replies one try needs before the query is answered. */
    public int repliesPerTry() {
        return singleRequest && kind == ResolverKind.GLIBC ? 1 : 2;
    }

    /** Whether every query of a lookup shares one socket (so one conntrack flow, one replica). */
    public boolean oneSocketPerLookup() {
        return kind == ResolverKind.BUSYBOX;
    }

    /**
     * The names the resolver may query for {@code name}, in the order it would (busybox: all at
     * once). Which of them it does query depends on the answers: see {@link SearchWalk}.
     */
    public List<String> candidates(String name) {
        List<String> names = new ArrayList<>();
        if (name.endsWith(".")) {
            names.add(name.substring(0, name.length() - 1));
            return names;
        }
        if (kind == ResolverKind.BUSYBOX) {
            if (name.contains(".")) {
                names.add(name);
            } else {
                searchDomains.forEach(domain -> names.add(name + "." + domain));
            }
            return names;
        }
        int dots = (int) name.chars().filter(c -> c == '.').count();
        boolean absoluteFirst = dots >= ndots;
        if (absoluteFirst) {
            names.add(name);
        }
        for (String domain : searchDomains) {
            names.add(name + "." + domain);
        }
        if (!absoluteFirst) {
            names.add(name);
        }
        return names;
    }

    /**
     * Whether {@code candidate} (made from {@code name}) gets an answer rather than NXDOMAIN: under
     * the cluster domain only SERVICE.NAMESPACE.svc.DOMAIN of a known namespace; outside it, only the
     * looked-up name itself, with at least one dot and a last label that is not a namespace
     * (upstream DNS has no "kubernetes.default").
     */
    public boolean answers(String name, String candidate) {
        String suffix = ".svc." + clusterDomain;
        if (candidate.endsWith(suffix)) {
            String[] serviceAndNamespace = candidate.substring(0, candidate.length() - suffix.length()).split("\\.");
            return serviceAndNamespace.length == 2 && clusterNamespaces.contains(serviceAndNamespace[1]);
        }
        if (candidate.endsWith("." + clusterDomain) || candidate.equals(clusterDomain)) {
            return false;
        }
        int lastDot = candidate.lastIndexOf('.');
        String given = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return lastDot > 0 && !clusterNamespaces.contains(candidate.substring(lastDot + 1)) && candidate.equals(given);
    }

}
