package dev.sgplab.model.dns;

import dev.sgplab.engine.Time;
import java.util.HashMap;
import java.util.Map;

/**
 * NodeLocal DNSCache on one node: the {@code node-local-dns} DaemonSet's CoreDNS (hostNetwork,
 * listening on 169.254.20.10 and the kube-dns service IP) answers the node's pods from its cache and
 * asks CoreDNS, through the kube-dns-upstream service, only on a miss — from the node's own address.
 *
 * <p>Sources: kubernetes/kubernetes cluster/addons/dns/nodelocaldns/nodelocaldns.yaml (Corefile:
 * cluster domain {@code cache { success 9984 30; denial 9984 5 }} and {@code forward ... { force_tcp }};
 * other zones {@code cache 30}, forwarded to the node's resolv.conf servers; the container requests
 * cpu 25m, memory 5Mi); kubernetes.io/docs/tasks/administer-cluster/nodelocaldns/; CoreDNS cache
 * plugin (an entry lives min(the record's TTL, the cap)); CoreDNS kubernetes plugin ({@code ttl}
 * default 5 s, also the minimum TTL of its negative answers' SOA).
 *
 * <p>Deviations: one entry per queried name (the cache keys by name and type; A and AAAA of a name
 * are asked together and live equally long here); names outside the cluster domain are assumed to
 * carry a TTL of at least the 30 s cap; no prefetch, no serve_stale (the manifest sets neither).
 */
public final class NodeLocalCache {
    /** The manifest's caps, seconds. */
    public static final long SUCCESS_CAP_SECONDS = 30;
    public static final long DENIAL_CAP_SECONDS = 5;
    public static final long OTHER_ZONES_CAP_SECONDS = 30;
    /** The manifest's container requests: one such pod on every node. */
    public static final String CPU_REQUEST = "25m";
    public static final String MEMORY_REQUEST = "5Mi";
    /** The address the cache listens on (__PILLAR__LOCAL__DNS__ in the manifest). */
    public static final String LOCAL_ADDRESS = "169.254.20.10";
    /** The dummy interface node-cache creates for its addresses; traces name it where no neighbour entry is involved. */
    public static final String INTERFACE = "nodelocaldns";

    /**
     * The scenario's choice: whether the cache runs, how it asks CoreDNS on a miss (force_tcp in the
     * manifest: TCP), and the TTL CoreDNS gives cluster names.
     */
    public record Config(boolean enabled, boolean upstreamTcp, long recordTtlSeconds) {
        public static final Config OFF = new Config(false, true, 5);

        public Config {
            if (recordTtlSeconds < 0) {
                throw new IllegalArgumentException("record TTL must not be negative, got " + recordTtlSeconds);
            }
        }
    }

    private final Config config;
    private final String clusterDomain;
    /** "." + the cluster domain: what a name in it ends with (asked on every miss). */
    private final String dotClusterDomain;
    private final Map<String, Long> expiresAt = new HashMap<>();
    private long hits;
    private long misses;

    public NodeLocalCache(Config config, String clusterDomain) {
        this.config = config;
        this.clusterDomain = clusterDomain;
        this.dotClusterDomain = "." + clusterDomain;
    }

    /** Whether {@code name} is answered from the cache at {@code now} (nanoseconds); counts hits and misses. */
    public boolean lookup(String name, long now) {
        Long expiry = expiresAt.get(name);
        if (expiry != null && now < expiry) {
            hits++;
            return true;
        }
        misses++;
        return false;
    }

    /** CoreDNS (or the upstream resolver) answered {@code name} at {@code now}: keep it as long as allowed. */
    public void store(String name, boolean answered, long now) {
        long seconds = cacheSeconds(name, answered);
        if (seconds > 0) {
            expiresAt.put(name, now + Time.seconds(seconds));
        }
    }

    /** How long an answer for {@code name} stays: min(TTL, cap) in the cluster domain, the cap elsewhere. */
    public long cacheSeconds(String name, boolean answered) {
        if (forwardsToCoreDns(name)) {
            return Math.min(config.recordTtlSeconds(), answered ? SUCCESS_CAP_SECONDS : DENIAL_CAP_SECONDS);
        }
        return OTHER_ZONES_CAP_SECONDS;
    }

    /** Whether a miss for {@code name} goes to CoreDNS (cluster domain) rather than the node's upstream. */
    public boolean forwardsToCoreDns(String name) {
        return name.equals(clusterDomain) || name.endsWith(dotClusterDomain);
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }
}
