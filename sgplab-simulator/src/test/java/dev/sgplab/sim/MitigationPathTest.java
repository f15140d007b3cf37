package dev.sgplab.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.observe.PodObservation;
import dev.sgplab.observe.RunObservations;
import dev.sgplab.scenario.ScenarioLoader;
import dev.sgplab.scenario.ScenarioTree;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mitigations' paths end to end in the simulator: NodeLocal DNSCache under each VPC CNI enforcing
 * mode, the resolver options, and the costs each run measures. The report's scenario at a 30 s
 * cooldown, where recycled IPs fail (about 30 of 200 per run).
 */
class MitigationPathTest {
    private static final ScenarioTree REPORT = ScenarioLoader.load(Path.of("..", OriginalReport.SCENARIO))
            .with("controller.branch-eni-cooldown", "30");
    private static final long SEED = 7;

    private static ClusterSimulation simulation(ScenarioTree tree, ClusterSimulation.Detail detail) {
        return new ClusterSimulation(SimulationPlan.of(tree.bind()), SEED, detail);
    }

    private static RunObservations run(ScenarioTree tree) {
        return simulation(tree, ClusterSimulation.Detail.COUNTS).run();
    }

    @Test
    void withTheCacheReachableNoReplyGoesToARecycledIp() {
        RunObservations without = run(REPORT);
        ClusterSimulation cached = simulation(REPORT.with("dns.node-local-cache", "on")
                .with("cni.pod-security-group-enforcing-mode", "standard"), ClusterSimulation.Detail.PODS);
        RunObservations with = cached.run();
        assertThat(without.errorPods()).as("the failure is there to remove").isGreaterThan(5);
        assertThat(with.ipReuses()).as("IPs are still recycled").isGreaterThan(0);
        assertThat(with.errorPods()).isZero();
        // every try was answered by the pod's own node's cache, never through a CoreDNS node's entry
        assertThat(with.podDetails()).flatMap(PodObservation::tries)
                .allSatisfy(t -> assertThat(t.entry().device()).isEqualTo(dev.sgplab.model.dns.NodeLocalCache.INTERFACE));
        RunCosts costs = cached.costs();
        assertThat(costs.cacheHits() + costs.cacheMisses()).isGreaterThan(0);
        assertThat(costs.retriedLookups()).isZero();
    }

    /**
     * Strict mode sends the pods' queries out of their branch ENIs: none is answered, so every lookup
     * times out and every pod ends Error, recycled IP or not.
     */
    @Test
    void underStrictModeTheCacheIsUnreachableAndEveryLookupFails() {
        ClusterSimulation strict = simulation(REPORT.with("dns.node-local-cache", "on"), ClusterSimulation.Detail.PODS);
        RunObservations run = strict.run();
        assertThat(run.errorPods()).isEqualTo(run.pods());
        assertThat(run.podDetails()).flatMap(PodObservation::tries)
                .allSatisfy(t -> assertThat(t.outcome().text()).startsWith("unanswered: strict mode"));
        assertThat(REPORT.with("dns.node-local-cache", "on").bind().warnings())
                .anyMatch(w -> w.contains("every lookup times out"));
    }

    /** Without the cache the mode changes nothing on the DNS path: the same run, pod for pod. */
    @Test
    void theModeAloneChangesNothing() {
        RunObservations strict = run(REPORT);
        RunObservations standard = run(REPORT.with("cni.pod-security-group-enforcing-mode", "standard"));
        assertThat(standard.errorPods()).isEqualTo(strict.errorPods());
        assertThat(standard.events()).isEqualTo(strict.events());
    }

    /**
     * Each dnsConfig option reaches the run. attempts:3 sends a third try 10 s after the first, after
     * the stale entry has failed (about 8 s after its DELAY began), so fewer pods fail than with 2;
     * timeout:10 sends the second try that late too. attempts:1 changes the run, but not for the
     * better: the lookups that fail with 2 tries fail with 1.
     */
    @Test
    void resolverOptionsAreHonoured() {
        int two = run(REPORT).errorPods();
        assertThat(run(REPORT.with("dns.attempts", "1")).events()).isNotEqualTo(run(REPORT).events());
        assertThat(run(REPORT.with("dns.attempts", "3")).errorPods()).isLessThan(two);
        assertThat(run(REPORT.with("dns.timeout", "10")).errorPods()).isLessThan(two);
        assertThat(run(REPORT.with("dns.single-request", "true")).events()).isNotEqualTo(run(REPORT).events());
        // use-vc: a completed TCP exchange confirms the CoreDNS node's entry, which changes the run
        assertThat(run(REPORT.with("dns.transport", "tcp")).events()).isNotEqualTo(run(REPORT).events());
    }

    /**
     * glibc waits 0, 5 or 10 s for the try that is answered (timeout 5, attempts 3) and 15 s for a query
     * that times out, so every retried lookup's wait — and their sum — is a whole multiple of 5 s.
     */
    @Test
    void retriesAreCountedWithTheirWait() {
        ClusterSimulation sim = simulation(REPORT.with("dns.attempts", "3"), ClusterSimulation.Detail.COUNTS);
        sim.run();
        RunCosts costs = sim.costs();
        assertThat(costs.retriedLookups()).isGreaterThan(0);
        assertThat(costs.retryWaitSeconds()).isGreaterThanOrEqualTo(5.0 * costs.retriedLookups());
        assertThat(costs.retryWaitSeconds() % 5).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(costs.cacheHits() + costs.cacheMisses()).isZero();
    }

    private static long arpRequests(ScenarioTree tree, String regime) {
        ClusterSimulation sim = simulation(tree.with("kernel.gc-regime", regime), ClusterSimulation.Detail.COUNTS);
        sim.run();
        return sim.costs().arpRequests();
    }

    /**
     * ARP requests are counted, and GC moves them both ways. With recycled IPs (the report), GC off
     * leaves each old entry STALE: a reply to the IP's new owner starts DELAY and then 3 unicast probes
     * to the old MAC that nobody answers before the broadcasts; GC on removed the entry, so one
     * broadcast resolves the new MAC: fewer requests. Without reuse (a subnet with room and a long
     * cooldown) every IP is answered once and GC changes no request.
     */
    @Test
    void arpRequestsAreCountedAndGcChangesThemOnlyWithReuse() {
        assertThat(arpRequests(REPORT, "gc")).isGreaterThan(0).isLessThan(arpRequests(REPORT, "no-gc"));
        ScenarioTree noReuse = REPORT.with("subnet.cidr", "198.18.0.0/20").with("subnet.used-by-others", "0")
                .with("subnet.allocation-policy", "least-recently-released");
        assertThat(run(noReuse).ipReuses()).isZero();
        assertThat(arpRequests(noReuse, "gc")).isEqualTo(arpRequests(noReuse, "no-gc")).isGreaterThan(0);
    }
}
