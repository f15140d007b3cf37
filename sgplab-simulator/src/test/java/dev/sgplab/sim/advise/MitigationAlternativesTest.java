package dev.sgplab.sim.advise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.scenario.ScenarioLoader;
import dev.sgplab.scenario.ScenarioTree;
import dev.sgplab.sim.OriginalReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mitigations as advise's alternatives: their effect and "no effect here" come from simulating
 * the changed scenario, and their costs from measuring it (or from the manifests, checked here).
 */
class MitigationAlternativesTest {
    private static final ScenarioTree REPORT = ScenarioLoader.load(Path.of("..", OriginalReport.SCENARIO))
            .with("kernel.gc-regime", "gc");
    private static final String CACHE_WITH_STANDARD = "dns.node-local-cache=on,cni.pod-security-group-enforcing-mode=standard";

    private static Advice.Alternative alternative(Advice advice, String setting) {
        return advice.alternatives().stream().filter(a -> a.change().equals(setting)).findFirst().orElseThrow();
    }

    /**
     * The report's scenario fails at its 60 s cooldown; with the cache reachable no reply goes to a
     * recycled IP, so none fails and the smallest cooldown is the controller's floor. single-request
     * sends A and AAAA one after the other through the same stale entry: simulated, it changes nothing.
     */
    @Test
    void theCacheRemovesTheFailureAndSingleRequestDoesNot() {
        Advice advice = new Advisor(REPORT, 0.01, 20, 3, 2, null).advise();
        assertThat(advice.current().errorPods()).isGreaterThan(0);

        Advice.Alternative cache = alternative(advice, CACHE_WITH_STANDARD);
        assertThat(cache.atCurrentCooldown().errorPods()).isZero();
        assertThat(cache.smallestCooldownSeconds()).isEqualTo(Advisor.MIN_COOLDOWN);
        assertThat(cache.noEffectHere()).isFalse();
        assertThat(cache.howToApply())
                .anyMatch(l -> l.equals("kubectl -n kube-system set env daemonset aws-node "
                        + "POD_SECURITY_GROUP_ENFORCING_MODE=standard"))
                .anyMatch(l -> l.contains("nodelocaldns.yaml") && l.startsWith("curl"))
                .anyMatch(l -> l.contains("75m CPU and 15Mi memory in all"));

        Advice.Alternative single = alternative(advice, "dns.single-request=true");
        assertThat(single.noEffectHere()).isEqualTo(Advisor.noEffect(single.atCurrentCooldown(), advice.current(),
                single.smallestCooldownSeconds(), advice.recommendation().cooldownSeconds()));
        assertThat(single.noEffectHere()).as("rate %s vs %s now", single.atCurrentCooldown().errorRate(),
                advice.current().errorRate()).isTrue();
        assertThat(alternative(advice, "dns.timeout=10").noEffectHere()).isFalse();
    }

    /** Where nothing fails (the cache already on, standard mode) every alternative is "no effect here". */
    @Test
    void withTheCacheAlreadyOnNothingElseHelps() {
        ScenarioTree cached = REPORT.with("dns.node-local-cache", "on").with("cni.pod-security-group-enforcing-mode",
                "standard");
        Advice advice = new Advisor(cached, 0.01, 20, 3, 2, null).advise();
        assertThat(advice.current().errorPods()).isZero();
        assertThat(advice.alternatives()).noneMatch(a -> a.change().contains("node-local-cache"));
        assertThat(advice.alternatives()).allMatch(Advice.Alternative::noEffectHere);
    }

    /** Already in standard mode, the cache is the whole change: no aws-node patch to paste. */
    @Test
    void inStandardModeTheCacheComesAlone() {
        List<Change> changes = Change.alternatives(REPORT.with("cni.pod-security-group-enforcing-mode", "standard").bind());
        Change cache = changes.stream().filter(c -> c.setting().equals("dns.node-local-cache=on")).findFirst().orElseThrow();
        assertThat(cache.values()).containsOnlyKeys("dns.node-local-cache");
        assertThat(cache.howTo()).noneMatch(l -> l.contains("POD_SECURITY_GROUP_ENFORCING_MODE"));
        assertThat(changes.size()).isLessThanOrEqualTo(Change.COUNT);
    }

    /**
     * ARP requests are measured, not assumed: where GC already runs, gc_thresh1=0 changes no run, so the
     * same count before and after; on quiet nodes (below gc_thresh1, no GC) it lets GC remove the stale
     * entries, and the count moves.
     */
    @Test
    void arpCostIsMeasured() {
        CostMeter meter = new CostMeter(3, 60);
        ScenarioTree busy = REPORT;
        ScenarioTree quiet = REPORT.with("kernel.gc-regime", "auto").with("population.pods-per-node", "0")
                .with("population.node-peers", "0").with("population.coredns-clients", "0");
        for (ScenarioTree tree : List.of(busy, quiet)) {
            ScenarioTree changed = tree.with("kernel.gc-regime", "auto").with("kernel.gc_thresh1", "0");
            double before = meter.measure(tree).arpRequests();
            double after = meter.measure(changed).arpRequests();
            assertThat(before).isGreaterThan(0);
            if (tree == busy) {
                assertThat(after).isEqualTo(before);
                assertThat(meter.costLines(CostMeter.Kind.ARP_REQUESTS, tree, changed)).singleElement()
                        .asString().contains("(+0 %");
            } else {
                assertThat(after).isNotEqualTo(before);
            }
        }
    }

    /** attempts:3 turns failures into late starts: measured, each 10 s late (the third try's offset). */
    @Test
    void retryCostIsMeasured() {
        CostMeter meter = new CostMeter(3, 60);
        CostMeter.Means before = meter.measure(REPORT);
        CostMeter.Means after = meter.measure(REPORT.with("dns.attempts", "3"));
        assertThat(after.retriedLookups()).isGreaterThan(before.retriedLookups());
        assertThat(after.waitPerRetried()).isGreaterThanOrEqualTo(5);
    }

    /** The guard's cost line quotes its DaemonSet's requests: they must be the manifest's. */
    @Test
    void guardRequestsAreTheManifests() throws IOException {
        String manifest = Files.readString(Path.of("..", HowToApply.GUARD_MANIFESTS, "daemonset.yaml"));
        assertThat(manifest).contains("cpu: " + HowToApply.GUARD_CPU_REQUEST)
                .contains("memory: " + HowToApply.GUARD_MEMORY_REQUEST);
        assertThat(CostMeter.times("25m", 3)).isEqualTo("75m");
        assertThat(CostMeter.times("96Mi", 4)).isEqualTo("384Mi");
    }
}
