package dev.sgplab.sim.advise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.scenario.ScenarioLoader;
import dev.sgplab.scenario.ScenarioTree;
import dev.sgplab.sim.OriginalReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "No effect here" is computed from the evaluations, never asserted by the change's kind. */
class NoEffectTest {
    private static final ScenarioTree REPORT = ScenarioLoader.load(Path.of("..", OriginalReport.SCENARIO));

    private static Evaluation rate(int errors, int pods) {
        return new Evaluation(60, pods, errors, (double) errors / pods, 0, 1, 1,
                new Evaluation.PerDay(0, 0, 0, 0, 0, List.of()), new Evaluation.Capacity(3, 18, 0, 0, 0, 0, 0, 0, 0), List.of());
    }

    /**
     * Pooled one-sided z at 5 %. 20/4000 against 40/4000: p = 60/8000 = 0.0075, se = sqrt(0.0075 x
     * 0.9925 x 2/4000) = 0.001929, z = 0.005 / 0.001929 = 2.59 > 1.645: below. 30/4000 against
     * 40/4000: p = 0.00875, se = 0.002083, z = 0.0025 / 0.002083 = 1.20: not. 0 against 0: not.
     */
    @ParameterizedTest
    @CsvSource({"20, 40, true", "30, 40, false", "40, 40, false", "0, 0, false", "0, 10, true", "40, 20, false"})
    void distinguishablyBelowIsAOneSidedTest(int errors, int otherErrors, boolean below) {
        assertThat(rate(errors, 4000).distinguishablyBelow(rate(otherErrors, 4000))).isEqualTo(below);
    }

    @Test
    void noEffectNeedsBothTheSameRateAndNoShorterCooldown() {
        Evaluation now = rate(40, 4000);
        assertThat(Advisor.noEffect(rate(38, 4000), now, 70, 70)).isTrue();
        assertThat(Advisor.noEffect(rate(38, 4000), now, 55, 70)).isFalse(); // needs a shorter cooldown
        assertThat(Advisor.noEffect(rate(5, 4000), now, 70, 70)).isFalse();  // distinguishably lower now
        assertThat(Advisor.noEffect(rate(40, 4000), now, null, 70)).isTrue(); // never reaches the target
    }

    /**
     * Nodes whose periodic GC already runs (gc-regime gc) gain nothing from gc_thresh1=0: the advice
     * must say so. On a quiet node (gc-regime auto with no population besides the test's own, so the
     * table stays under gc_thresh1 and STALE entries live for ever) the same change lets GC run, and
     * it must be listed as an option.
     */
    @Test
    void gcThresh1ZeroHasNoEffectOnlyWhereGcAlreadyRuns() {
        Advice busy = new Advisor(REPORT.with("kernel.gc-regime", "gc"), 0.01, 20, 3, 2, null).advise();
        assertThat(alternative(busy, "kernel.gc_thresh1=0").noEffectHere()).isTrue();
        assertThat(alternative(busy, "dns.attempts=3").noEffectHere()).isFalse();

        Advice quiet = new Advisor(REPORT.with("kernel.gc-regime", "auto").with("population.pods-per-node", "0")
                .with("population.node-peers", "0").with("population.coredns-clients", "0"), 0.01, 20, 3, 2, null).advise();
        Advice.Alternative gc = alternative(quiet, "kernel.gc_thresh1=0");
        assertThat(gc.noEffectHere()).as("rate %s vs %s now", gc.atCurrentCooldown().errorRate(),
                quiet.current().errorRate()).isFalse();
    }

    @Test
    void everyAlternativeSaysHowToApplyIt() {
        Advice advice = new Advisor(REPORT, 0.01, 20, 3, 2, null).advise();
        assertThat(advice.howToApply()).anyMatch(l -> l.contains("kubectl -n kube-system patch configmap amazon-vpc-cni"))
                .anyMatch(l -> l.contains("\"branch-eni-cooldown\":\"" + advice.recommendation().cooldownSeconds() + "\""))
                .contains("sgplab cluster cooldown set " + advice.recommendation().cooldownSeconds());
        assertThat(alternative(advice, "kernel.gc_stale_time=30").howToApply())
                .contains("net.ipv4.neigh.default.gc_stale_time = 30")
                .anyMatch(l -> l.contains("EC2NodeClass")).anyMatch(l -> l.contains("nodeadm"))
                .anyMatch(l -> l.contains("CoreDNS"));
        assertThat(alternative(advice, "dns.attempts=3").howToApply())
                .containsSequence("  dnsConfig:", "    options:", "      - name: attempts", "        value: \"3\"");
        assertThat(alternative(advice, "guard.enabled=true").howToApply()).anyMatch(l -> l.contains("deploy/k8s/guard/"));
        assertThat(advice.alternatives()).allMatch(a -> !a.howToApply().isEmpty());
    }

    @Test
    void moreAttemptsDoNotLengthenAMuslLookup() {
        List<String> musl = HowToApply.attempts(3, "musl", 5);
        assertThat(musl).anyMatch(l -> l.contains("do not make the lookup last longer"));
        assertThat(HowToApply.attempts(3, "glibc", 5)).anyMatch(l -> l.contains("each attempt adds 5 s"));
    }

    @Test
    void aSubnetCannotGrowSoTheAdviceSaysHowToGetMoreAddresses() {
        assertThat(HowToApply.largerSubnet("198.18.0.0/24")).anyMatch(l -> l.contains("cannot grow"))
                .anyMatch(l -> l.contains("associate-vpc-cidr-block")).anyMatch(l -> l.contains("create-subnet"));
    }

    private static Advice.Alternative alternative(Advice advice, String change) {
        return advice.alternatives().stream().filter(a -> a.change().equals(change)).findFirst().orElseThrow();
    }
}
