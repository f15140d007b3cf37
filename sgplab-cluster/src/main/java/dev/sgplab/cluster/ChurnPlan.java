package dev.sgplab.cluster;

import dev.sgplab.model.dist.Distribution;
import dev.sgplab.model.dns.ResolverKind;
import dev.sgplab.scenario.Scenario;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What `cluster run` takes from a scenario — the churn (workload.pods, create-interval, run-time)
 * and the pods' resolver (dns.name, timeout, attempts, ndots, single-request, transport, as the
 * pod's dnsConfig options) — and, said in its notes, what a real cluster decides itself: its nodes,
 * subnet, sysctls, controller latencies, scheduler and search list.
 *
 * <p>Drawn values (a create-interval or run-time that is not fixed) come from {@code seed}, one
 * stream each, and are the same in every round so that rounds differ only in their cooldown.
 */
public final class ChurnPlan {
    /** Pod names carry three digits (churn-c30-000). */
    public static final int MAX_PODS = 999;

    private final Scenario.Workload workload;
    private final String lookup;
    private final double[] createAtSeconds;
    private final double[] staySeconds;
    private final List<PodDNSConfigOption> dnsOptions;
    private final Map<String, String> honoured;
    private final List<String> fromTheCluster;
    private final String scenarioCooldown;

    private ChurnPlan(Scenario scenario, double[] createAtSeconds, double[] staySeconds) {
        this.workload = scenario.workload();
        this.lookup = scenario.dns().name();
        this.createAtSeconds = createAtSeconds;
        this.staySeconds = staySeconds;
        this.dnsOptions = dnsOptions(scenario.dns());
        this.honoured = honoured(scenario);
        this.fromTheCluster = fromTheCluster(scenario);
        this.scenarioCooldown = scenario.controller().branchEniCooldown();
    }

    /** The plan for a bound scenario; a ClusterException (bad input) for what a real cluster run cannot do. */
    public static ChurnPlan of(Scenario scenario, long seed) {
        scenario.requireChurnTest("cluster run");
        int pods = scenario.workload().pods();
        if (pods < 1 || pods > MAX_PODS) {
            throw new ClusterException("workload.pods (--pods) must be 1.." + MAX_PODS + " for cluster run, got " + pods);
        }
        if (scenario.dns().profile().kind() != ResolverKind.GLIBC) {
            throw new ClusterException("dns.resolver " + scenario.dns().resolver() + ": cluster run's pods resolve with "
                    + "glibc (getent, as the report's test); `sgplab lab run` runs busybox nslookup");
        }
        Distribution interval = scenario.workload().createIntervalDistribution();
        if (interval.mean() <= 0) {
            throw new ClusterException("workload.create-interval (--interval) must be positive for cluster run, got "
                    + interval.text());
        }
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom intervals = root.split();
        SplittableRandom stays = root.split();
        double[] createAt = new double[pods];
        double[] stay = new double[pods];
        Distribution runTime = scenario.workload().runTimeDistribution();
        for (int i = 0; i < pods; i++) {
            createAt[i] = i == 0 ? 0 : createAt[i - 1] + interval.sample(intervals);
            stay[i] = runTime.sample(stays);
        }
        return new ChurnPlan(scenario, createAt, stay);
    }

    public int pods() {
        return createAtSeconds.length;
    }

    /** Seconds from a round's start to pod {@code index}'s creation. */
    public double createAtSeconds(int index) {
        return createAtSeconds[index];
    }

    /** Seconds pod {@code index} stays after a successful lookup (workload.run-time; the kubelet adds its own). */
    public double staySeconds(int index) {
        return staySeconds[index];
    }

    /** The name each pod resolves at start (dns.name). */
    public String lookup() {
        return lookup;
    }

    /** resolv.conf options the pods get through dnsConfig; Kubernetes keeps its search list and nameserver. */
    public List<PodDNSConfigOption> dnsOptions() {
        return dnsOptions;
    }

    /** How pods are spaced, in words: "one every 2 s" or "at intervals drawn from exponential(3)". */
    public String spacing() {
        return workload.createIntervalDistribution() instanceof Distribution.Fixed fixed
                ? "one every " + CooldownEvents.seconds(java.time.Duration.ofNanos(Math.round(fixed.value() * 1e9))) + " s"
                : "at intervals drawn from " + workload.createInterval();
    }

    /** The scenario keys the pods honour, with their values (the run's assumptions). */
    public Map<String, String> honoured() {
        return honoured;
    }

    /**
     * The run's notes: where the rounds' cooldowns replace the scenario's, and what the scenario
     * says that a real cluster decides itself.
     */
    public List<String> notes(List<Long> cooldowns) {
        List<String> notes = new ArrayList<>();
        Long own = parsedOrNull(scenarioCooldown);
        if (own == null || !cooldowns.equals(List.of(own))) {
            notes.add("controller.branch-eni-cooldown: each round sets its own ("
                    + String.join(", ", cooldowns.stream().map(c -> c + " s").toList()) + "), not the scenario's "
                    + scenarioCooldown);
        }
        notes.addAll(fromTheCluster);
        return List.copyOf(notes);
    }

    private static Long parsedOrNull(String value) {
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<PodDNSConfigOption> dnsOptions(Scenario.Dns dns) {
        List<PodDNSConfigOption> options = new ArrayList<>();
        options.add(new PodDNSConfigOption("ndots", Integer.toString(dns.ndots())));
        options.add(new PodDNSConfigOption("timeout", Integer.toString(dns.timeout())));
        options.add(new PodDNSConfigOption("attempts", Integer.toString(dns.attempts())));
        if (dns.singleRequest()) {
            options.add(new PodDNSConfigOption("single-request", null));
        }
        if (dns.tcp()) {
            options.add(new PodDNSConfigOption("use-vc", null)); // glibc: queries over TCP
        }
        return List.copyOf(options);
    }

    private static Map<String, String> honoured(Scenario scenario) {
        Map<String, String> keys = new LinkedHashMap<>();
        Scenario.Workload w = scenario.workload();
        Scenario.Dns dns = scenario.dns();
        keys.put("workload.pods", Integer.toString(w.pods()));
        keys.put("workload.create-interval", w.createInterval());
        keys.put("workload.run-time", w.runTime());
        keys.put("dns.resolver", dns.resolver());
        keys.put("dns.name", dns.name());
        keys.put("dns.timeout", Integer.toString(dns.timeout()));
        keys.put("dns.attempts", Integer.toString(dns.attempts()));
        keys.put("dns.ndots", Integer.toString(dns.ndots()));
        keys.put("dns.single-request", Boolean.toString(dns.singleRequest()));
        keys.put("dns.transport", dns.transport());
        return java.util.Collections.unmodifiableMap(keys);
    }

    private static List<String> fromTheCluster(Scenario s) {
        List<String> notes = new ArrayList<>();
        notes.add("taken from the cluster, not the scenario: its nodes and CoreDNS (scenario: cluster.nodes="
                + s.cluster().nodes() + ", instance-type=" + s.cluster().instanceType() + ", coredns.replicas="
                + s.cluster().coredns().replicas() + "), its subnet (subnet.cidr=" + s.subnet().cidr() + ", used-by-others="
                + s.subnet().usedByOthers() + ", allocation-policy=" + s.subnet().allocationPolicy() + ") and the VPC (vpc.*)");
        notes.add("taken from the cluster, not the scenario: the nodes' neighbour sysctls and GC (kernel.gc_stale_time="
                + s.kernel().gcStaleTime() + ", base_reachable_time_ms=" + s.kernel().baseReachableTimeMs() + ", gc-regime="
                + s.kernel().gcRegime() + ", ...): cluster run does not change nodes");
        notes.add("taken from the cluster, not the scenario: the controller's and EC2's latencies and failures "
                + "(controller.eni-create-latency, eni-delete-failure-probability), pod start and placement "
                + "(workload.pod-start-latency, scheduling: the kubelet, the CNI and the scheduler), and the pods' search "
                + "list and CoreDNS (dns.search, cluster-domain, cluster-namespaces, server-latency-ms)");
        notes.add(s.guard().enabled()
                ? "guard.enabled=true: cluster run does not deploy the guard; it counts only if deploy/k8s/guard runs on "
                        + "the cluster"
                : "guard.*: not applied; if deploy/k8s/guard runs on the cluster, it repairs entries during the run");
        return List.copyOf(notes);
    }
}
