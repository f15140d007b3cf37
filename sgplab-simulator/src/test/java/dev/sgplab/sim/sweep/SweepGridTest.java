package dev.sgplab.sim.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sgplab.scenario.ScenarioTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The grid is bound once, before any run; the CLI's check and the run share that binding. */
class SweepGridTest {
    private static final ScenarioTree SMALL = ScenarioTree.defaults().with("workload.pods", "20");

    @Test
    void everyCellIsBoundInGridOrderWithItsSettings() {
        List<Vary> axes = List.of(Vary.parse("controller.branch-eni-cooldown=30,60"), Vary.parse("cluster.nodes=2,3"));
        List<Integer> progress = new ArrayList<>();
        Sweep.Grid grid = Sweep.bind(SMALL, axes, progress::add);
        assertThat(grid.cells()).containsExactly(
                Map.of("controller.branch-eni-cooldown", "30", "cluster.nodes", "2"),
                Map.of("controller.branch-eni-cooldown", "30", "cluster.nodes", "3"),
                Map.of("controller.branch-eni-cooldown", "60", "cluster.nodes", "2"),
                Map.of("controller.branch-eni-cooldown", "60", "cluster.nodes", "3"));
        assertThat(grid.scenarios()).extracting(s -> s.cluster().nodes()).containsExactly(2, 3, 2, 3);
        assertThat(progress).containsExactly(1, 2, 3, 4);
        assertThat(grid.name()).isEqualTo(SMALL.bind().name());
    }

    @Test
    void aWarningSharedByCellsIsSaidOnce() {
        // a 10 s cooldown is under the controller's 30 s floor in all three cells: one warning, not three
        Sweep.Grid grid = Sweep.bind(SMALL, List.of(Vary.parse("cluster.nodes=2,3,4")), null);
        Sweep.Grid clamped = Sweep.bind(SMALL.with("controller.branch-eni-cooldown", "10"),
                List.of(Vary.parse("cluster.nodes=2,3,4")), null);
        assertThat(grid.warnings()).isEmpty();
        assertThat(clamped.warnings()).hasSize(1);
    }

    @Test
    void aBadValueInAnyCellFailsTheBinding() {
        assertThatThrownBy(() -> Sweep.bind(SMALL, List.of(Vary.parse("cluster.nodes=2,-1")), null))
                .hasMessageContaining("cluster.nodes");
    }

    @Test
    void runningABoundGridGivesTheSameResultAsRunningFromTheTree() {
        List<Vary> axes = List.of(Vary.parse("controller.branch-eni-cooldown=30,60"));
        SweepResult fromTree = Sweep.run(SMALL, axes, 3, 7, 2, null, null);
        SweepResult fromGrid = Sweep.run(Sweep.bind(SMALL, axes, null), 3, 7, 1, null, null);
        assertThat(fromGrid).isEqualTo(fromTree);
    }

    /**
     * A finished run waits for its shard's end as counts and 5 s gap bins: the same bins as the
     * run's gap statistics gave, which are dropped (they would hold a histogram per run).
     */
    @Test
    void aFinishedRunKeepsItsCountsAndGapBinsButNotItsGapStatistics() {
        var plan = dev.sgplab.sim.SimulationPlan.of(ScenarioTree.defaults().with("workload.pods", "200").bind());
        var run = new dev.sgplab.sim.ClusterSimulation(plan, 3, dev.sgplab.sim.ClusterSimulation.Detail.COUNTS).run();
        Sweep.Finished finished = Sweep.Finished.of(run);
        assertThat(run.reuseGaps().count()).isPositive();
        assertThat(finished.gapBins())
                .containsExactly(run.reuseGaps().binCounts(CellResult.GAP_BIN_SECONDS, CellResult.GAP_BINS));
        assertThat(finished.run().reuseGaps().count()).isZero();
        assertThat(finished.run().errorPods()).isEqualTo(run.errorPods());
        assertThat(finished.run().ipReuses()).isEqualTo(run.ipReuses());
        assertThat(finished.run().gcActivity()).isEqualTo(run.gcActivity());
    }
}
