package dev.sgplab.sim;

import dev.sgplab.engine.Scheduler;
import dev.sgplab.engine.Time;
import dev.sgplab.model.cni.PodSgEnforcingMode;
import dev.sgplab.model.dns.NodeLocalCache;
import dev.sgplab.model.dns.ResolverProfile;
import dev.sgplab.model.dns.SearchWalk;
import dev.sgplab.model.vpc.VpcFabric;
import dev.sgplab.observe.EntrySnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What a {@link DnsLookup} runs through in the simulator: the run's plan and clock, the VPC fabric,
 * and the CoreDNS replicas with their nodes' kernels. Which replica answers is drawn per the
 * scenario's replica choice, from the run's own kube-proxy stream.
 *
 * <p>Where the pods' queries go ({@link Route}): to CoreDNS (through kube-proxy's DNAT, replies back
 * through the CoreDNS node's neighbour entry for the pod's IP), or with NodeLocal DNSCache to the
 * cache on the pod's own node ({@link NodeLocalCache}), which the pod reaches only when the VPC CNI's
 * enforcing mode delivers its packets to its own node ({@link PodSgEnforcingMode}). The cache answers
 * over the pod's host veth (created with the pod, so never holding another pod's MAC) and asks
 * CoreDNS from the node's own address, whose entry on the CoreDNS nodes keeps the node's MAC: no
 * CoreDNS node ever sends a reply to a recycled pod IP, so the stale-MAC loss cannot happen.
 *
 * <p>Also what the lookups cost: how many needed a retry and the time they waited for it.
 */
final class DnsPath {
    /** Where a pod's DNS queries go. */
    enum Route {
        /** kube-dns service -> a CoreDNS replica; the reply crosses nodes. */
        COREDNS,
        /** the node-local cache on the pod's node; only its misses cross nodes, from the node's address. */
        NODE_LOCAL_CACHE,
        /** strict mode: the query leaves through the branch ENI and the VPC drops it; no reply ever. */
        NODE_LOCAL_UNREACHABLE
    }

    /** The hop from a pod to a hostNetwork listener on its own node: veth to host, no wire. */
    static final long ON_NODE_LATENCY = Time.millis(0.02);

    private final SimulationPlan plan;
    private final Scheduler scheduler;
    private final VpcFabric fabric;
    private final SimNode[] replicaNodes;
    private final List<SimNode> nodes;
    private final RandomGenerator replicaRandom;
    private final ClusterSimulation.Detail detail;

    DnsPath(SimulationPlan plan, Scheduler scheduler, VpcFabric fabric, SimNode[] replicaNodes, List<SimNode> nodes,
            RandomGenerator replicaRandom, ClusterSimulation.Detail detail) {
        this.plan = plan;
        this.scheduler = scheduler;
        this.fabric = fabric;
        this.replicaNodes = replicaNodes.clone();
        this.nodes = List.copyOf(nodes);
        this.replicaRandom = replicaRandom;
        this.detail = detail;
    }

    /** By looked-up name, then candidate: both strings are the workloads' and the walk plans' own, their hashes cached. */
    private final Map<String, Map<String, Boolean>> answers = new HashMap<>();
    /** What a lookup needs of its resolver, by resolver (the workloads' own instances). */
    private final Map<ResolverProfile, Resolving> resolving = new IdentityHashMap<>();
    private final Map<String, NodeLocalCache> caches = new HashMap<>();
    private int retriedLookups;
    private long retryWait;

    /** Where this run's pods send their queries: fixed by the scenario. */
    Route route() {
        if (!plan.nodeLocalCache().enabled()) {
            return Route.COREDNS;
        }
        return plan.enforcingMode().reachesNodeLocal() ? Route.NODE_LOCAL_CACHE : Route.NODE_LOCAL_UNREACHABLE;
    }

    /** The cache on {@code node} (every node runs one: the DaemonSet). */
    NodeLocalCache cacheOn(String node) {
        return caches.computeIfAbsent(node, n -> new NodeLocalCache(plan.nodeLocalCache(),
                plan.resolver().clusterDomain()));
    }

    /**
     * From the cache's query to CoreDNS's (or, outside the cluster domain, the node's upstream
     * resolver's) answer back at the cache: one round trip, and one more for the TCP handshake of
     * force_tcp (a new connection per query is assumed: the forward plugin reuses connections, but
     * for at most expire 10 s, so a quiet node opens a new one).
     */
    long upstreamLatency(boolean toCoreDns) {
        long roundTrip = 2 * plan.networkLatency();
        boolean tcp = toCoreDns && plan.nodeLocalCache().upstreamTcp();
        return (tcp ? 2 * roundTrip : roundTrip) + plan.serverLatency();
    }

    /** A lookup ended; {@code waited} is the time it spent waiting for retries (0: every first try answered). */
    void lookupEnded(boolean ok, long waited) {
        if (ok && waited > 0) {
            retriedLookups++;
            retryWait += waited;
        }
    }

    /** Successful lookups that needed a retry, their total wait, the caches' hits and misses; ARP requests given. */
    RunCosts costs(long arpRequests) {
        long hits = 0;
        long misses = 0;
        for (NodeLocalCache cache : caches.values()) {
            hits += cache.hits();
            misses += cache.misses();
        }
        return new RunCosts(retriedLookups, Time.toSeconds(retryWait), hits, misses, arpRequests);
    }

    SimulationPlan plan() {
        return plan;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    VpcFabric fabric() {
        return fabric;
    }

    boolean tracing() {
        return detail == ClusterSimulation.Detail.TRACE;
    }

    boolean keepsPodDetails() {
        return detail != ClusterSimulation.Detail.COUNTS;
    }

    /**
     * {@link ResolverProfile#answers} for a pod's name, remembered: every pod
     * asks about the same few search-list names (the answer depends on the cluster's domain and
     * namespaces, the same for every workload).
     */
    boolean answers(ResolverProfile resolver, String name, String candidate) {
        // get, then put when absent: computeIfAbsent with a lambda capturing the arguments allocates per call
        Map<String, Boolean> byCandidate = answers.get(name);
        if (byCandidate == null) {
            byCandidate = new HashMap<>();
            answers.put(name, byCandidate);
        }
        Boolean answer = byCandidate.get(candidate);
        if (answer == null) {
            answer = resolver.answers(name, candidate);
            byCandidate.put(candidate, answer);
        }
        return answer;
    }

    /**
     * A resolver's schedule of tries and its search-walk plans, made once per run and resolver: every
     * pod's lookup uses the same few (a lookup must not change {@code tryOffsets}).
     */
    static final class Resolving {
        final ResolverProfile resolver;
        final long[] tryOffsets;
        /** The tries' and deadline's times never decrease, so each timer can be queued when the one before runs. */
        final boolean timersInTimeOrder;
        private final Map<String, SearchWalk.Plan> walkPlans = new HashMap<>();

        Resolving(ResolverProfile resolver) {
            this.resolver = resolver;
            this.tryOffsets = resolver.tryOffsets();
            this.timersInTimeOrder = inTimeOrder(tryOffsets, resolver.queryDeadline());
        }

        private static boolean inTimeOrder(long[] tryOffsets, long deadline) {
            for (int i = 1; i < tryOffsets.length; i++) {
                if (tryOffsets[i] < tryOffsets[i - 1]) {
                    return false;
                }
            }
            return tryOffsets.length == 0 || deadline >= tryOffsets[tryOffsets.length - 1];
        }

        /** {@link SearchWalk#plan} for {@code name}: every pod walks the same few names. */
        SearchWalk.Plan walkPlan(String name) {
            SearchWalk.Plan plan = walkPlans.get(name); // no capturing lambda per lookup
            if (plan == null) {
                plan = SearchWalk.plan(resolver, name);
                walkPlans.put(name, plan);
            }
            return plan;
        }
    }

    Resolving resolving(ResolverProfile resolver) {
        return resolving.computeIfAbsent(resolver, Resolving::new);
    }

    int pickReplica() {
        return replicaNodes.length == 1 ? 0 : replicaRandom.nextInt(replicaNodes.length);
    }

    SimNode corednsNode(int replica) {
        return replicaNodes[replica];
    }

    /** The pod's entry on every CoreDNS node but the answering one, for traces. */
    List<EntrySnapshot> otherCorednsSnapshots(SimNode except, int ip) {
        List<EntrySnapshot> snapshots = new ArrayList<>();
        for (SimNode node : nodes) {
            if (node != except) {
                snapshots.add(DnsLookup.snapshot(node, node.eth0.lookup(ip)));
            }
        }
        return snapshots;
    }
}
