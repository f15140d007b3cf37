package dev.sgplab.sim.advise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sgplab.scenario.ScenarioLoader;
import dev.sgplab.scenario.ScenarioTree;
import dev.sgplab.sim.OriginalReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The advice in the operator's units is computed from the runs: failed pod starts per day are the
 * Error rate per start times the workload's starts per day, the capacity names say time average or
 * peak, per node or summed, and the GC regime (with "no cooldown helps") is read from the runs.
 */
class PerDayAndRegimeTest {
    private static final ScenarioTree REPORT = ScenarioLoader.load(Path.of("..", OriginalReport.SCENARIO));

    @Test
    void failedStartsPerDayAreTheRatePerStartTimesTheStartsOfTheWorkload() {
        Advisor advisor = new Advisor(REPORT, 0.01, 20, 3, 2, null);
        Evaluation every2s = advisor.evaluate(REPORT, 30);
        // fixed(2): 43,200 starts a day; 30 s with periodic GC mostly active fails about 15 % of pods
        assertThat(every2s.perDay().podStarts()).isEqualTo(43_200);
        assertThat(every2s.errorPods()).isPositive();
        assertThat(every2s.perDay().failed()).isCloseTo(43_200.0 * every2s.errorPods() / every2s.pods(), within(1e-9));
        assertThat(every2s.perDay().failedLow()).isCloseTo(43_200 * every2s.low(), within(1e-9))
                .isLessThan(every2s.perDay().failed());
        assertThat(every2s.perDay().failedHigh()).isCloseTo(43_200 * every2s.high(), within(1e-9))
                .isGreaterThan(every2s.perDay().failed());
        assertThat(every2s.perDay().workloads()).singleElement()
                .satisfies(w -> assertThat(w.failed()).isEqualTo(every2s.perDay().failed()));

        // the same pods, started every 8 s: a quarter of the starts a day, and its own rate
        ScenarioTree slower = REPORT.with("workload.create-interval", "fixed(8)");
        Evaluation every8s = advisor.evaluate(slower, 30);
        assertThat(every8s.perDay().podStarts()).isEqualTo(10_800);
        assertThat(every8s.perDay().failed()).isCloseTo(10_800.0 * every8s.errorPods() / every8s.pods(), within(1e-9));
    }

    @Test
    void capacityNamesSayTimeAverageOrPeakPerNodeOrSummed() {
        Evaluation.Capacity c = new Advisor(REPORT, 0.01, 20, 3, 2, null).evaluate(REPORT, 60).capacity();
        assertThat(c.nodes()).isEqualTo(3);
        assertThat(c.branchEniLimitPerNode()).isEqualTo(18); // m5.xlarge
        assertThat(c.branchEnisInCooldownPerNodeTimeAverage()).isCloseTo(c.branchEnisInCooldownAllNodesTimeAverage() / 3,
                within(1e-12));
        assertThat((double) c.branchEnisInCooldownOneNodePeak()).isGreaterThan(c.branchEnisInCooldownPerNodeTimeAverage())
                .isLessThanOrEqualTo(18);
        assertThat(c.podsWaitedForBranchPerRun()).isPositive();
        // a pod that waited waited at least as long as the average over all pods
        assertThat(c.branchWaitSecondsPerPodThatWaited()).isGreaterThan(c.branchWaitSecondsPerPodStarted());
        assertThat(c.podsWaitingForBranchPerDay()).isCloseTo(43_200 * c.podsWaitedForBranchPerRun() / 200, within(1e-6));
    }

    @Test
    void nodesWhereGcNeverScansAreSaidToBeBelowGcThresh1WithTheNodeSideChanges() {
        Advice quiet = new Advisor(REPORT.with("kernel.gc-regime", "no-gc"), 0.01, 20, 3, 2, null).advise();
        Advice.Regime regime = quiet.regime();
        assertThat(regime.belowGcThresh1()).isTrue();
        assertThat(regime.noCooldownHelps()).isEqualTo(quiet.recommendation().cooldownSeconds() == null);
        assertThat(regime.summary().contains("no cooldown helps")).isEqualTo(regime.noCooldownHelps());
        assertThat(regime.nodeSideChanges()).contains("net.ipv4.neigh.default.gc_thresh1 = 0",
                "kubectl apply -f deploy/k8s/guard/rbac.yaml -f deploy/k8s/guard/daemonset.yaml")
                .anyMatch(l -> l.contains("Karpenter: EC2NodeClass spec.userData"));
        assertThat(regime.corednsNodes()).allSatisfy(n -> assertThat(n.meanScannedFraction()).isZero());

        Advice busy = new Advisor(REPORT.with("kernel.gc-regime", "gc"), 0.01, 20, 3, 2, null).advise();
        assertThat(busy.regime().belowGcThresh1()).isFalse();
        assertThat(busy.regime().noCooldownHelps()).isFalse();
        assertThat(busy.regime().nodeSideChanges()).isEmpty();
        assertThat(busy.regime().corednsNodes()).allSatisfy(n -> assertThat(n.meanScannedFraction()).isEqualTo(1.0));
        assertThat(busy.regime().readTheGuard()).anyMatch(l -> l.contains("sgplab_guard_arp_periodic_gc_skipped"));
    }
}
