package dev.sgplab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sgplab.observe.PodObservation;
import dev.sgplab.observe.RunObservations;
import dev.sgplab.scenario.ScenarioLoader;
import dev.sgplab.scenario.ScenarioTree;
import dev.sgplab.sim.advise.Advice;
import dev.sgplab.sim.advise.Advisor;
import dev.sgplab.sim.sweep.Shard;
import dev.sgplab.sim.sweep.Sweep;
import dev.sgplab.sim.sweep.SweepResult;
import dev.sgplab.sim.sweep.Vary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class SweepAndAdviceTest {
    private static final ScenarioTree REPORT = ScenarioLoader.load(Path.of("..", OriginalReport.SCENARIO));
    private static final List<Vary> GRID = List.of(Vary.parse("controller.branch-eni-cooldown=30..70:20"),
            Vary.parse("subnet.used-by-others=48,58"));

    @Test
    void varyParsesRangesAndListsAndRejectsNonsense() {
        assertThat(Vary.parse("k=30..45:5").values()).containsExactly("30", "35", "40", "45");
        assertThat(Vary.parse("k=0.5..1:0.25").values()).containsExactly("0.5", "0.75", "1");
        assertThat(Vary.parse("k=a,b").values()).containsExactly("a", "b");
        assertThatThrownBy(() -> Vary.parse("k=10..5:1")).hasMessageContaining("FROM <= TO");
        assertThatThrownBy(() -> Vary.parse("k=1..5")).hasMessageContaining("needs a step");
        assertThatThrownBy(() -> Vary.parse("k=1..5:0")).hasMessageContaining("positive STEP");
        assertThatThrownBy(() -> Shard.parse("3/3")).hasMessageContaining("0 <= I < N");
    }

    @Test
    void shardsMergeIntoExactlyTheUnshardedSweepWhateverTheThreads() {
        SweepResult whole = Sweep.run(REPORT, GRID, 6, 5, 1, null, null);
        List<SweepResult> parts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            parts.add(Sweep.run(REPORT, GRID, 6, 5, 2, new Shard(i, 4), null));
        }
        assertThat(whole.cells()).hasSize(6);
        assertThat(Sweep.merge(List.of(parts.get(2), parts.get(0), parts.get(3), parts.get(1)))).isEqualTo(whole);
        assertThatThrownBy(() -> Sweep.merge(parts.subList(0, 3))).hasMessageContaining("missing");
        assertThatThrownBy(() -> Sweep.merge(List.of(parts.get(0), parts.get(0)))).hasMessageContaining("more than one");
        // the same seed for replication r in every cell: cells differ by their settings only
        assertThat(whole.cells().get(0).settings()).containsEntry("controller.branch-eni-cooldown", "30");
    }

    /**
     * Capacity, by hand. One node with a branch limit of 1 and one free address; two pods 5 s apart;
     * ENI creation, start and run time 1 s each. Pod 1: ready at 1, resolves at 2, ends at about 3
     * and its ENI waits in the delete queue (holding the node's only slot) until the delete job
     * deletes it at D. Pod 2 is created at 5, finds the trunk full and retries one cooldown (30 s)
     * later, at 35: if D <= 35 it gets its ENI then, otherwise at the next retry, 65. So:
     * pods waited = 1; mean wait per pod = (30 or 60) / 2; ENIs held on average = (D - end of pod 1)
     * / test duration (pod 2's ENI is queued only at the very end).
     */
    @Test
    void capacityFiguresMatchAHandComputedCase() {
        String yaml = """
                cluster: {nodes: 1, branch-interface-limit: 1, coredns: {replicas: 1}}
                subnet: {cidr: 198.18.0.0/28, used-by-others: 10}
                controller: {branch-eni-cooldown: 30, eni-create-latency: fixed(1)}
                workload: {pods: 2, create-interval: fixed(5), pod-start-latency: fixed(1), run-time: fixed(1)}
                """;
        for (long seed = 1; seed <= 6; seed++) {
            RunObservations run = new ClusterSimulation(SimulationPlan.of(ScenarioTree.parse(yaml, "t").bind()), seed,
                    ClusterSimulation.Detail.PODS).run();
            PodObservation first = run.podDetails().get(0);
            PodObservation second = run.podDetails().get(1);
            double deleted = second.previousOwner().eniDeletedAt();
            double expectedWait = deleted <= 35 ? 30 : 60;
            assertThat(run.podsWaitedForBranch()).isEqualTo(1);
            assertThat(second.waitedForBranchSeconds()).isCloseTo(expectedWait, Offset.offset(1e-9));
            assertThat(run.meanBranchWaitSeconds()).isCloseTo(expectedWait / 2, Offset.offset(1e-9));
            assertThat(second.branchReadyAt()).isCloseTo(5 + expectedWait + 1, Offset.offset(1e-9));
            assertThat(run.meanDeleteQueue()).isCloseTo((deleted - first.endedAt()) / run.durationSeconds(),
                    Offset.offset(1e-9));
        }
    }

    /** Re-simulating the advice: the recommended cooldown meets the target, 5 s less does not. */
    @Test
    void adviceIsConsistentWithTheSimulator() {
        double target = 0.01;
        int replications = 40;
        Advice advice = new Advisor(REPORT, target, replications, 3, 2, null).advise();
        Integer recommended = advice.recommendation().cooldownSeconds();
        assertThat(recommended).isNotNull().isBetween(40, 70);
        Advisor check = new Advisor(REPORT, target, replications, 3, 1, null);
        assertThat(check.evaluate(REPORT, recommended).meets(target)).isTrue();
        assertThat(check.evaluate(REPORT, recommended - Advisor.STEP).meets(target)).isFalse();
        assertThat(advice.alternatives()).extracting(Advice.Alternative::change)
                .contains("kernel.gc_stale_time=30", "dns.attempts=3");
        // one more resolver attempt outlasts the 8 s loss window: it needs no more than the recommendation
        Advice.Alternative attempts = advice.alternatives().stream().filter(a -> a.change().equals("dns.attempts=3"))
                .findFirst().orElseThrow();
        assertThat(attempts.smallestCooldownSeconds()).isLessThanOrEqualTo(recommended);
    }

    /** With 3 free addresses for 200 pods the subnet, not the cooldown, is the problem: the advice says so. */
    @Test
    void adviceNamesCapacityWhenMostPodsWaitForABranchEni() {
        ScenarioTree starved = REPORT.with("subnet.used-by-others", "120");
        Advice advice = new Advisor(starved, 0.05, 20, 3, 2, null).advise();
        assertThat(advice.recommendation().atCooldown().capacity().podsWaitedForBranchPerRun()).isGreaterThan(50);
        assertThat(advice.notes()).anyMatch(n -> n.contains("of the pods wait for a branch ENI"));
        Advice plain = new Advisor(REPORT, 0.05, 20, 3, 2, null).advise();
        assertThat(plain.notes()).noneMatch(n -> n.contains("of the pods wait for a branch ENI"));
    }

    @Test
    void replicationsAreEnoughForZeroErrorsToProveTheTarget() {
        // 3 / (1e-4 x 200) = 150, plus 20 %
        assertThat(Advisor.replicationsFor(1e-4, 200)).isEqualTo(180);
        assertThat(Advisor.replicationsFor(0.5, 200)).isEqualTo(20);
    }
}
