package dev.sgplab.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sgplab.engine.Time;
import dev.sgplab.model.controller.Cooldown;
import dev.sgplab.model.controller.InstanceLimits;
import dev.sgplab.model.dist.Distribution;
import dev.sgplab.model.cni.PodSgEnforcingMode;
import dev.sgplab.model.dns.NodeLocalCache;
import dev.sgplab.model.dns.ResolverKind;
import dev.sgplab.model.dns.ResolverProfile;
import dev.sgplab.model.dns.SearchWalk;
import dev.sgplab.model.guard.GuardRules;
import dev.sgplab.model.names.KebabNames;
import dev.sgplab.model.neighbour.GcRegime;
import dev.sgplab.model.neighbour.NeighbourParams;
import dev.sgplab.model.neighbour.TableParams;
import dev.sgplab.model.neighbour.VpcCniEntries;
import dev.sgplab.model.vpc.AllocationPolicy;
import dev.sgplab.model.address.Cidr;
import dev.sgplab.model.vpc.VpcFabric;
import dev.sgplab.model.workload.ChurnSpec;
import dev.sgplab.model.workload.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One scenario: a cluster, a subnet, kernel settings, the controller's cooldown and the workloads
 * (the report's churn test, or a list of Deployments, Jobs, CronJobs and steady churn). A description only: the simulator, the kernel lab and the cluster harness each build
 * it their own way. Keys and defaults are documented in reference.yaml beside this class.
 */
public record Scenario(String name, Cluster cluster, Subnet subnet, Vpc vpc, Kernel kernel, Controller controller,
        Dns dns, Workload workload, Guard guard, Population population, Cni cni, List<Workloads.Entry> workloads) {

    /** The VPC CNI (aws-node) settings that change a branch-ENI pod's DNS path. */
    public record Cni(@JsonProperty("pod-security-group-enforcing-mode") String podSecurityGroupEnforcingMode) {
        public PodSgEnforcingMode enforcingMode() {
            return PodSgEnforcingMode.fromKey(podSecurityGroupEnforcingMode);
        }
    }

    /**
     * The workloads the run holds: the {@code workloads:} list, or without one the single
     * {@code workload:} block as the report's churn test.
     */
    public List<WorkloadSpec> workloadSpecs() {
        return Workloads.specs(workloads == null ? List.of() : workloads, this);
    }

    /** For what runs only the report's churn test (reproduce, the kernel lab, cluster run): bad input otherwise. */
    public void requireChurnTest(String what) {
        if (!singleChurnTest()) {
            throw new ScenarioException(name + ": " + what + " runs the report's churn test (the workload: block); this "
                    + "scenario has a workloads: list, which simulate, sweep and advise run");
        }
    }

    /** Whether the scenario is the single churn test of its {@code workload:} block (the lab and cluster runs take only that). */
    public boolean singleChurnTest() {
        return workloads == null || workloads.isEmpty();
    }

    /**
     * What else holds entries in a CoreDNS node's arp table (tbl->entries, one count for every
     * namespace on the node), in the terms a cluster operator knows. The test's own entries are
     * simulated one by one; see {@link #standingEntries()} for the rest.
     */
    public record Population(@JsonProperty("pods-per-node") int podsPerNode,
            @JsonProperty("coredns-clients") int corednsClients,
            @JsonProperty("node-peers") int nodePeers) {
    }

    /**
     * Entries on a CoreDNS node for the whole run: per other pod the VPC CNI's PERMANENT gateway
     * entry and the host's entry for its IP, one per steady CoreDNS client and per node peer, and
     * kernel.other-arp-entries.
     */
    public int standingEntries() {
        return population.podsPerNode() * VpcCniEntries.perRegularPod() + population.corednsClients()
                + population.nodePeers() + kernel.otherArpEntries();
    }

    /** The CoreDNS nodes' table settings, with the standing population counted from the start. */
    public TableParams corednsNodeTableParams() {
        TableParams k = kernel.tableParams();
        return new TableParams(k.gcThresh1(), k.gcThresh2(), k.gcThresh3(), k.regime(), standingEntries());
    }

    /**
     * Upper bounds on sizes and times: far above any real cluster or test, low enough that a
     * typo (an extra 0000) fails at once instead of running for hours or overflowing the
     * simulator's nanosecond clock.
     */
    public static final int MAX_NODES = 5_000;
    public static final int MAX_PODS = 1_000_000;
    public static final int MAX_COUNT = 1_000;
    public static final int MAX_TABLE = 10_000_000;
    /** Distributions of durations (create interval, latencies, run time): their mean, in seconds. */
    public static final double MAX_DURATION_SECONDS = 86_400;
    /** The kernel holds neighbour times as int jiffies: at HZ=1000, INT_MAX ms. */
    public static final long MAX_KERNEL_MS = Integer.MAX_VALUE;
    /** Go's time.Duration (int64 nanoseconds) overflows past this many seconds: the controller could not hold more. */
    public static final long MAX_COOLDOWN_SECONDS = Long.MAX_VALUE / 1_000_000_000L;

    /** sgplab's guard as a mitigation: whether it runs, how fast it reacts, what it does. */
    public record Guard(boolean enabled, @JsonProperty("reaction-latency") String reactionLatency,
            @JsonProperty("sweep-interval") double sweepInterval, String action) {
        public Distribution latency() {
            return Distribution.parse(reactionLatency);
        }

        public GuardRules.Action guardAction() {
            return KebabNames.find(GuardRules.Action.class, action).orElseThrow(() -> new IllegalArgumentException(
                    "guard.action must be " + KebabNames.allowed(GuardRules.Action.class) + ", got '" + action + "'"));
        }
    }

    public record Cluster(int nodes, @JsonProperty("instance-type") String instanceType,
            @JsonProperty("branch-interface-limit") int branchInterfaceLimit, CoreDns coredns) {

        /** The per-node branch ENI limit: the override, else the controller's table. */
        public int branchLimit() {
            if (branchInterfaceLimit > 0) {
                return branchInterfaceLimit;
            }
            int limit = InstanceLimits.branchInterfaces(instanceType).orElseThrow(() -> new ScenarioException(
                    "cluster.instance-type '" + instanceType + "' is not in the branch limit table; "
                            + "set cluster.branch-interface-limit"));
            if (limit == 0) {
                throw new ScenarioException("cluster.instance-type '" + instanceType
                        + "' is not trunking compatible: security groups for pods cannot run on it");
            }
            return limit;
        }

        /** Node index of each CoreDNS replica. */
        public int[] corednsNodes() {
            int[] placement = new int[coredns.replicas()];
            for (int i = 0; i < placement.length; i++) {
                placement[i] = coredns.nodes().isEmpty() ? i % nodes : coredns.nodes().get(i);
            }
            return placement;
        }
    }

    public record CoreDns(int replicas, List<Integer> nodes, @JsonProperty("replica-choice") String replicaChoice) {
        public ReplicaChoice choice() {
            return ReplicaChoice.fromKey(replicaChoice);
        }
    }

    /** When a pod's DNS traffic may switch CoreDNS replica (a new conntrack flow). */
    public enum ReplicaChoice {
        PER_LOOKUP, PER_QUERY, PER_TRY;

        public static ReplicaChoice fromKey(String key) {
            return KebabNames.find(ReplicaChoice.class, key).orElseThrow(() -> new IllegalArgumentException(
                    "cluster.coredns.replica-choice must be one of "
                            + String.join(", ", KebabNames.all(ReplicaChoice.class)) + ", got '" + key + "'"));
        }
    }

    public record Subnet(String cidr, @JsonProperty("used-by-others") int usedByOthers,
            @JsonProperty("allocation-policy") String allocationPolicy) {
        public Cidr cidrBlock() {
            return Cidr.parse(cidr);
        }

        public AllocationPolicy policy() {
            return AllocationPolicy.fromKey(allocationPolicy);
        }
    }

    public record Vpc(@JsonProperty("answer-unicast-probes-to-stale-mac") boolean answerUnicastProbesToStaleMac,
            @JsonProperty("deliver-arp-requests-between-hosts") boolean deliverArpRequestsBetweenHosts,
            @JsonProperty("arp-reply-latency-ms") double arpReplyLatencyMs,
            @JsonProperty("network-latency-ms") double networkLatencyMs) {
        public VpcFabric.Options fabricOptions() {
            return new VpcFabric.Options(answerUnicastProbesToStaleMac, deliverArpRequestsBetweenHosts,
                    Time.millis(arpReplyLatencyMs));
        }
    }

    /**
     * The kernel's neighbour settings under their sysctl names (net.ipv4.neigh.*, snake case), and
     * two of sgplab's own keys (kebab case like the other sections').
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Kernel(long baseReachableTimeMs, long delayFirstProbeTime, long retransTimeMs, int ucastSolicit,
            int mcastSolicit, int mcastResolicit, int appSolicit, long gcStaleTime, long locktime, int unresQlenBytes,
            int gcThresh1, int gcThresh2, int gcThresh3, @JsonProperty("gc-regime") String gcRegime,
            @JsonProperty("other-arp-entries") int otherArpEntries) {

        public NeighbourParams neighbourParams() {
            return new NeighbourParams(Time.millis(baseReachableTimeMs), Time.seconds(delayFirstProbeTime),
                    Time.millis(retransTimeMs), ucastSolicit, mcastSolicit, mcastResolicit, appSolicit,
                    Time.seconds(gcStaleTime), Time.millis(locktime * 10.0), unresQlenBytes);
        }

        public TableParams tableParams() {
            return new TableParams(gcThresh1, gcThresh2, gcThresh3, regime(), otherArpEntries);
        }

        public GcRegime regime() {
            return KebabNames.parse(GcRegime.class, gcRegime, "gc-regime");
        }
    }

    public record Controller(@JsonProperty("branch-eni-cooldown") String branchEniCooldown,
            @JsonProperty("eni-create-latency") String eniCreateLatency,
            @JsonProperty("eni-delete-failure-probability") double eniDeleteFailureProbability) {

        public Cooldown.Parsed cooldown() {
            return Cooldown.fromConfigMapValue(branchEniCooldown);
        }

        public Distribution createLatency() {
            return Distribution.parse(eniCreateLatency);
        }
    }

    public record Dns(String resolver, int timeout, int attempts, int ndots, List<String> search,
            @JsonProperty("single-request") boolean singleRequest,
            @JsonProperty("cluster-domain") String clusterDomain,
            @JsonProperty("cluster-namespaces") List<String> clusterNamespaces, String name,
            @JsonProperty("server-latency-ms") double serverLatencyMs, String transport,
            @JsonProperty("node-local-cache") String nodeLocalCache,
            @JsonProperty("node-local-cache-upstream") String nodeLocalCacheUpstream,
            @JsonProperty("record-ttl") int recordTtl) {

        /** NodeLocal DNSCache as the scenario sets it (off, or on with its upstream transport). */
        public NodeLocalCache.Config nodeLocalCacheConfig() {
            return new NodeLocalCache.Config("on".equals(nodeLocalCache), "tcp".equals(nodeLocalCacheUpstream),
                    recordTtl);
        }

        public ResolverProfile profile() {
            return new ResolverProfile(ResolverKind.fromKey(resolver), timeout, attempts, ndots, search, singleRequest,
                    clusterDomain, clusterNamespaces);
        }

        public boolean tcp() {
            return "tcp".equals(transport);
        }
    }

    public record Workload(int pods, @JsonProperty("create-interval") String createInterval,
            @JsonProperty("pod-start-latency") String podStartLatency, @JsonProperty("run-time") String runTime,
            String scheduling) {
        public Distribution createIntervalDistribution() {
            return Distribution.parse(createInterval);
        }

        public Distribution podStartLatencyDistribution() {
            return Distribution.parse(podStartLatency);
        }

        public Distribution runTimeDistribution() {
            return Distribution.parse(runTime);
        }

        public boolean roundRobin() {
            return "round-robin".equals(scheduling);
        }

        public ChurnSpec spec() {
            return new ChurnSpec(pods, createIntervalDistribution(), podStartLatencyDistribution(),
                    runTimeDistribution(), roundRobin());
        }
    }

    /** Checks every value once, so that a run never fails half-way on bad input: what is wrong, key first. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        positive(problems, "cluster.nodes", cluster.nodes());
        positive(problems, "cluster.coredns.replicas", cluster.coredns().replicas());
        positive(problems, "workload.pods", workload.pods());
        atMost(problems, "cluster.nodes", cluster.nodes(), MAX_NODES);
        atMost(problems, "cluster.coredns.replicas", cluster.coredns().replicas(), MAX_COUNT);
        atMost(problems, "workload.pods", workload.pods(), MAX_PODS);
        nonNegative(problems, "cluster.branch-interface-limit", cluster.branchInterfaceLimit());
        atMost(problems, "cluster.branch-interface-limit", cluster.branchInterfaceLimit(), MAX_COUNT);
        kernelBounds(problems);
        atMost(problems, "dns.attempts", dns.attempts(), 100);
        atMost(problems, "dns.timeout", dns.timeout(), 3_600);
        atMost(problems, "dns.ndots", dns.ndots(), 100);
        cooldownBound(problems);
        finite(problems, "vpc.arp-reply-latency-ms", vpc.arpReplyLatencyMs());
        finite(problems, "vpc.network-latency-ms", vpc.networkLatencyMs());
        finite(problems, "dns.server-latency-ms", dns.serverLatencyMs());
        finite(problems, "guard.sweep-interval", guard.sweepInterval());
        finite(problems, "controller.eni-delete-failure-probability", controller.eniDeleteFailureProbability());
        nonNegative(problems, "population.pods-per-node", population.podsPerNode());
        nonNegative(problems, "population.coredns-clients", population.corednsClients());
        nonNegative(problems, "population.node-peers", population.nodePeers());
        if (!cluster.coredns().nodes().isEmpty()) {
            if (cluster.coredns().nodes().size() != cluster.coredns().replicas()) {
                problems.add("cluster.coredns.nodes has " + cluster.coredns().nodes().size()
                        + " entries for " + cluster.coredns().replicas() + " replicas");
            }
            for (int node : cluster.coredns().nodes()) {
                if (node < 0 || node >= cluster.nodes()) {
                    problems.add("cluster.coredns.nodes: node index " + node + " is outside 0.." + (cluster.nodes() - 1));
                }
            }
        }
        check(problems, "cluster.coredns.replica-choice", cluster.coredns()::choice);
        oneOf(problems, "workload.scheduling", workload.scheduling(), "least-allocated", "round-robin");
        oneOf(problems, "dns.transport", dns.transport(), "udp", "tcp");
        oneOf(problems, "dns.node-local-cache", dns.nodeLocalCache(), "off", "on");
        oneOf(problems, "dns.node-local-cache-upstream", dns.nodeLocalCacheUpstream(), "tcp", "udp");
        nonNegative(problems, "dns.record-ttl", dns.recordTtl());
        atMost(problems, "dns.record-ttl", dns.recordTtl(), 86_400);
        oneOf(problems, "cni.pod-security-group-enforcing-mode", cni.podSecurityGroupEnforcingMode(),
                KebabNames.all(PodSgEnforcingMode.class).toArray(String[]::new));
        check(problems, "cluster.instance-type", cluster::branchLimit);
        check(problems, "subnet.cidr", subnet::cidrBlock);
        check(problems, "subnet.allocation-policy", subnet::policy);
        if (problems.isEmpty()) {
            check(problems, "subnet", () -> new dev.sgplab.model.vpc.Subnet(subnet.cidrBlock(), subnet.usedByOthers(),
                    subnet.policy(), new java.util.SplittableRandom(0)));
        }
        check(problems, "kernel", kernel::neighbourParams);
        check(problems, "kernel", kernel::tableParams);
        check(problems, "dns", dns::profile);
        check(problems, "controller.eni-create-latency", controller::createLatency);
        check(problems, "workload.create-interval", workload::createIntervalDistribution);
        check(problems, "workload.pod-start-latency", workload::podStartLatencyDistribution);
        check(problems, "workload.run-time", workload::runTimeDistribution);
        check(problems, "guard.reaction-latency", guard::latency);
        duration(problems, "controller.eni-create-latency", controller.eniCreateLatency());
        duration(problems, "workload.create-interval", workload.createInterval());
        duration(problems, "workload.pod-start-latency", workload.podStartLatency());
        duration(problems, "workload.run-time", workload.runTime());
        duration(problems, "guard.reaction-latency", guard.reactionLatency());
        check(problems, "guard", guard::guardAction);
        if (guard.sweepInterval() > MAX_DURATION_SECONDS) {
            problems.add("guard.sweep-interval must be at most " + (long) MAX_DURATION_SECONDS + " s, got "
                    + guard.sweepInterval());
        }
        if (!(guard.sweepInterval() > 0)) {
            problems.add("guard.sweep-interval must be positive, got " + guard.sweepInterval());
        }
        if (controller.eniDeleteFailureProbability() < 0 || controller.eniDeleteFailureProbability() > 1) {
            problems.add("controller.eni-delete-failure-probability must be within 0..1, got "
                    + controller.eniDeleteFailureProbability());
        }
        notNegative(problems, "vpc.arp-reply-latency-ms", vpc.arpReplyLatencyMs());
        notNegative(problems, "vpc.network-latency-ms", vpc.networkLatencyMs());
        notNegative(problems, "dns.server-latency-ms", dns.serverLatencyMs());
        if (problems.isEmpty() && workloads != null) {
            problems.addAll(Workloads.problems(workloads, this));
        }
        return problems;
    }

    /**
     * A setting the real system would silently replace by a default: an unparsable
     * branch-eni-cooldown makes the controller use 60 s. {@code simulate} shows it as a warning;
     * a sweep or an advice, where it would change a whole grid unseen, refuses it.
     */
    public java.util.Optional<String> silentFallback() {
        String value = controller.branchEniCooldown();
        if (value != null && Cooldown.knownPeriodSecondsAfterReading(value) < 0) {
            return java.util.Optional.of("controller.branch-eni-cooldown '" + value + "' is not a whole number of "
                    + "seconds: the controller would silently use its default 60 s");
        }
        return java.util.Optional.empty();
    }

    /** Warnings the real systems would log for these settings (e.g. a clamped cooldown). */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        String cooldown = controller.cooldown().warning();
        if (cooldown != null) {
            warnings.add(cooldown);
        }
        if (dns.nodeLocalCacheConfig().enabled() && !cni.enforcingMode().reachesNodeLocal()) {
            warnings.add("dns.node-local-cache is on with cni.pod-security-group-enforcing-mode strict: the SGPP pods' "
                    + "queries to the cache leave through their branch ENIs and are never answered, so every "
                    + "lookup times out (set the mode to standard, or the cache off)");
        }
        ResolverProfile profile = dns.profile();
        if (!SearchWalk.resolvesWhenNothingIsLost(profile, dns.name())) {
            warnings.add("dns.name '" + dns.name() + "' does not resolve with the " + dns.resolver()
                    + " resolver even when no reply is lost, so every pod ends Error"
                    + (profile.kind() == ResolverKind.BUSYBOX && dns.name().contains(".") && !dns.name().endsWith(".")
                            ? " (busybox nslookup expands only a name without a dot: give the full name, e.g. "
                                    + "kubernetes.default.svc." + dns.clusterDomain() + ")" : ""));
        }
        return warnings;
    }

    private static void positive(List<String> problems, String key, long value) {
        if (value <= 0) {
            problems.add(key + " must be positive, got " + value);
        }
    }

    private static void atMost(List<String> problems, String key, long value, long max) {
        atMost(problems, key, value, max, " (sgplab's bound)");
    }

    private static void atMost(List<String> problems, String key, long value, long max, String why) {
        if (value > max) {
            problems.add(key + " must be at most " + max + why + ", got " + value);
        }
    }

    private static void notNegative(List<String> problems, String key, double value) {
        if (value < 0) {
            problems.add(key + " must not be negative, got " + value);
        }
    }

    private static void finite(List<String> problems, String key, double value) {
        if (!Double.isFinite(value)) {
            problems.add(key + " must be a finite number, got " + value);
        }
    }

    /** A duration distribution whose mean is beyond the bound (the parse itself is checked elsewhere). */
    private static void duration(List<String> problems, String key, String text) {
        try {
            double mean = Distribution.parse(text).mean();
            if (!(mean <= MAX_DURATION_SECONDS)) {
                problems.add(key + ": '" + text + "' has a mean of " + mean + " s, over sgplab's bound of "
                        + (long) MAX_DURATION_SECONDS + " s (a day)");
            }
        } catch (RuntimeException unparsable) {
            // named by the parse check
        }
    }

    private void kernelBounds(List<String> problems) {
        String bound = " (24.8 days: the kernel's int jiffies at HZ=1000)";
        atMost(problems, "kernel.base_reachable_time_ms", kernel.baseReachableTimeMs(), MAX_KERNEL_MS, " ms" + bound);
        atMost(problems, "kernel.retrans_time_ms", kernel.retransTimeMs(), MAX_KERNEL_MS, " ms" + bound);
        atMost(problems, "kernel.delay_first_probe_time", kernel.delayFirstProbeTime(), MAX_KERNEL_MS / 1000,
                " s" + bound);
        atMost(problems, "kernel.gc_stale_time", kernel.gcStaleTime(), MAX_KERNEL_MS / 1000, " s" + bound);
        atMost(problems, "kernel.locktime", kernel.locktime(), MAX_KERNEL_MS / 10, " (1/100 s)" + bound);
        int[] counts = {kernel.ucastSolicit(), kernel.mcastSolicit(), kernel.mcastResolicit(), kernel.appSolicit()};
        String[] countKeys = {"ucast_solicit", "mcast_solicit", "mcast_resolicit", "app_solicit"};
        for (int i = 0; i < counts.length; i++) {
            nonNegative(problems, "kernel." + countKeys[i], counts[i]);
            atMost(problems, "kernel." + countKeys[i], counts[i], MAX_COUNT);
        }
        atMost(problems, "kernel.gc_thresh3", kernel.gcThresh3(), MAX_TABLE);
        atMost(problems, "kernel.other-arp-entries", kernel.otherArpEntries(), MAX_TABLE);
    }

    private void cooldownBound(List<String> problems) {
        String value = controller.branchEniCooldown();
        if (value != null && value.matches("[+]?[0-9]{1,30}")
                && new java.math.BigInteger(value.replace("+", "")).compareTo(
                        java.math.BigInteger.valueOf(MAX_COOLDOWN_SECONDS)) > 0) {
            problems.add("controller.branch-eni-cooldown must be at most " + MAX_COOLDOWN_SECONDS
                    + " s (beyond it the controller's time.Duration overflows), got " + value);
        }
    }

    private static void nonNegative(List<String> problems, String key, long value) {
        if (value < 0) {
            problems.add(key + " must not be negative, got " + value);
        }
    }

    private static void oneOf(List<String> problems, String key, String value, String... allowed) {
        if (!List.of(allowed).contains(value)) {
            problems.add(key + " must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
        }
    }

    private static void check(List<String> problems, String key, java.util.function.Supplier<?> conversion) {
        try {
            conversion.get();
        } catch (ScenarioException e) {
            problems.add(e.getMessage());
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "invalid value" : e.getMessage();
            problems.add(message.toLowerCase(Locale.ROOT).startsWith(key) ? message : key + ": " + message);
        }
    }
}
