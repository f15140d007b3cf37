package dev.sgplab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sgplab.scenario.ScenarioLoader;
import dev.sgplab.scenario.ScenarioTree;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** cluster run's pods from a scenario: what it honours, what it draws, what it leaves to the cluster. */
class ChurnPlanTest {
    private static final ScenarioTree REPORT = ScenarioLoader.loadFileOrBundled("../scenarios/report-200-pods.yaml");

    @Test
    void theReportsScenarioGivesTheReportsTest() {
        ChurnPlan plan = ChurnPlan.of(REPORT.bind(), 1);
        assertThat(plan.pods()).isEqualTo(200);
        // fixed(2): pod i at 2 i s, the last at 2 * 199 = 398 s
        assertThat(plan.createAtSeconds(199)).isEqualTo(398.0);
        assertThat(plan.spacing()).isEqualTo("one every 2 s");
        // run-time uniform(0.5, 1.5): each pod its own draw
        assertThat(IntStream.range(0, 200).mapToDouble(plan::staySeconds)).allSatisfy(s -> assertThat(s).isBetween(0.5, 1.5));
        assertThat(IntStream.range(0, 200).mapToDouble(plan::staySeconds).distinct().count()).isGreaterThan(100);
        assertThat(plan.lookup()).isEqualTo("kubernetes.default");
        assertThat(plan.dnsOptions()).containsExactly(new PodDNSConfigOption("ndots", "5"),
                new PodDNSConfigOption("timeout", "5"), new PodDNSConfigOption("attempts", "2"));
        assertThat(plan.honoured()).containsEntry("workload.create-interval", "fixed(2)")
                .containsEntry("workload.run-time", "uniform(0.5, 1.5)").containsEntry("dns.resolver", "glibc");
    }

    @Test
    void whatOnlyTheClusterDecidesIsSaidWithTheScenariosValues() {
        ChurnPlan plan = ChurnPlan.of(REPORT.bind(), 1);
        List<String> notes = plan.notes(List.of(30L, 60L, 70L));
        assertThat(notes.get(0)).isEqualTo("controller.branch-eni-cooldown: each round sets its own (30 s, 60 s, 70 s), "
                + "not the scenario's 60");
        assertThat(String.join("\n", notes)).contains("subnet.cidr=198.18.0.0/25", "used-by-others=58",
                "instance-type=m5.xlarge", "gc-regime=auto", "cluster run does not change nodes", "workload.pod-start-latency",
                "dns.search", "guard.*: not applied");
        // one round at the scenario's own cooldown: nothing replaced, nothing to say about it
        assertThat(plan.notes(List.of(60L))).noneMatch(n -> n.startsWith("controller.branch-eni-cooldown"));
    }

    @Test
    void drawnIntervalsComeFromTheSeedAndAreTheSameEveryTime() {
        ScenarioTree tree = REPORT.with("workload.create-interval", "exponential(3)");
        ChurnPlan one = ChurnPlan.of(tree.bind(), 7);
        ChurnPlan again = ChurnPlan.of(tree.bind(), 7);
        ChurnPlan other = ChurnPlan.of(tree.bind(), 8);
        assertThat(one.createAtSeconds(199)).isEqualTo(again.createAtSeconds(199));
        assertThat(one.createAtSeconds(199)).isNotEqualTo(other.createAtSeconds(199));
        // 199 exponential gaps of mean 3 s: 597 s, sd 3 * sqrt(199) = 42 s
        assertThat(one.createAtSeconds(199)).isCloseTo(597, within(5 * 42.0));
        assertThat(IntStream.range(1, 200)).allSatisfy(i -> assertThat(one.createAtSeconds(i))
                .isGreaterThanOrEqualTo(one.createAtSeconds(i - 1)));
        assertThat(one.spacing()).isEqualTo("at intervals drawn from exponential(3)");
    }

    @Test
    void theResolverOptionsBecomeThePodsDnsConfig() {
        ChurnPlan plan = ChurnPlan.of(REPORT.with("dns.transport", "tcp").with("dns.single-request", "true")
                .with("dns.timeout", "1").with("dns.ndots", "2").with("dns.name", "example.internal").bind(), 1);
        Pod pod = new ChurnPodTemplate("r1", "sgplab", ChurnPodTemplate.DEFAULT_IMAGE, plan).pod(30, 3);
        assertThat(pod.getSpec().getDnsConfig().getOptions()).containsExactly(new PodDNSConfigOption("ndots", "2"),
                new PodDNSConfigOption("timeout", "1"), new PodDNSConfigOption("attempts", "2"),
                new PodDNSConfigOption("single-request", null), new PodDNSConfigOption("use-vc", null));
        assertThat(pod.getSpec().getContainers().get(0).getEnv()).extracting(EnvVar::getValue)
                .containsExactly("example.internal", String.format(java.util.Locale.ROOT, "%.2f", plan.staySeconds(3)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "too many pods | workload.pods           | 1000        | workload.pods (--pods) must be 1..999 for cluster run, got 1000",
        "busybox       | dns.resolver            | busybox     | dns.resolver busybox: cluster run's pods resolve with glibc",
        "musl          | dns.resolver            | musl        | dns.resolver musl: cluster run's pods resolve with glibc",
        "no spacing    | workload.create-interval| fixed(0)    | workload.create-interval (--interval) must be positive"
    })
    void whatACLusterRunCannotDoIsBadInput(String name, String key, String value, String message) {
        assertThatThrownBy(() -> ChurnPlan.of(REPORT.with(key, value).bind(), 1)).isInstanceOf(ClusterException.class)
                .hasMessageStartingWith(message);
    }
}
