package dev.sgplab.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.observe.RunObservations;
import dev.sgplab.scenario.ScenarioLoader;
import dev.sgplab.scenario.ScenarioTree;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicationsTest {
    private static final ScenarioTree REPORT = ScenarioLoader.load(Path.of("..", OriginalReport.SCENARIO));

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        SimulationPlan plan = SimulationPlan.of(REPORT.with("controller.branch-eni-cooldown", "30").bind());
        List<RunObservations> one = Replications.run(plan, 3, 24, 1, null);
        List<RunObservations> four = Replications.run(plan, 3, 24, 4, null);
        assertThat(four).isEqualTo(one);
    }

    /**
     * The foundation's promise: one parameter set, only the cooldown changing, puts each of the
     * report's counts (29, 2, 0 Error pods of 200) inside the range one run would fall in.
     */
    @Test
    void theReportsTableFallsInsideTheSimulatedRanges() {
        Reproduction.Result result = Reproduction.run(REPORT, 1, 200, 2, null);
        assertThat(result.rows()).extracting(Reproduction.Row::cooldownSeconds).containsExactly(30, 60, 70);
        assertThat(result.rows()).allSatisfy(row -> assertThat(row.reportedInRange())
                .as("cooldown %d: reported %d in %d..%d", row.cooldownSeconds(), row.reported(),
                        row.errorPods().low(), row.errorPods().high())
                .isTrue());
        // and the means sit close: within 20 % of 29, within 1.5 pods of 2, and 0 at 70 s
        assertThat(result.rows().get(0).errorPods().mean()).isBetween(23.2, 34.8);
        assertThat(result.rows().get(1).errorPods().mean()).isBetween(0.5, 3.5);
        assertThat(result.rows().get(2).errorPods().mean()).isLessThan(0.1);
    }

    /** Without periodic GC the entry never expires: even 70 s cannot protect the reused IPs. */
    @Test
    void withoutGcTheLongCooldownNoLongerHelps() {
        SimulationPlan plan = SimulationPlan.of(REPORT.with("controller.branch-eni-cooldown", "70")
                .with("kernel.gc-regime", "no-gc").bind());
        int[] counts = Replications.errorCounts(plan, 1, 20, 2, null);
        assertThat(ErrorSummary.of(counts).mean()).isGreaterThan(20);
    }

    /**
     * The guard repairs the CoreDNS nodes' entries when the new owner's pod is annotated, before it
     * starts (0.5-2.5 s later): no Error pods even at the 30 s floor. A guard slower than the pods'
     * start (10 s) repairs only after the first tries were lost.
     */
    @Test
    void theGuardRemovesTheFailureAtTheMinimumCooldownWhenItIsFastEnough() {
        ScenarioTree at30 = REPORT.with("controller.branch-eni-cooldown", "30").with("guard.enabled", "true");
        for (String action : List.of("replace", "delete")) {
            int[] counts = Replications.errorCounts(SimulationPlan.of(at30.with("guard.action", action).bind()), 1, 30, 2,
                    null);
            assertThat(ErrorSummary.of(counts).mean()).as(action).isZero();
        }
        int[] slow = Replications.errorCounts(
                SimulationPlan.of(at30.with("guard.reaction-latency", "fixed(10)").bind()), 1, 30, 2, null);
        assertThat(ErrorSummary.of(slow).mean()).isGreaterThan(5);
    }

    @Test
    void summaryPercentilesAreObservedCounts() {
        int[] counts = new int[200];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = i; // 0..199
        }
        ErrorSummary summary = ErrorSummary.of(counts);
        assertThat(summary.mean()).isEqualTo(99.5);
        assertThat(summary.low()).isEqualTo(4);    // HF1: the ceil(0.025 x 200) = 5th smallest
        assertThat(summary.high()).isEqualTo(194); // the 195th smallest
    }
}
