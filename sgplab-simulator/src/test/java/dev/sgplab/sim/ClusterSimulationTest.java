package dev.sgplab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sgplab.model.neighbour.NudState;
import dev.sgplab.observe.PodObservation;
import dev.sgplab.observe.RunObservations;
import dev.sgplab.observe.TryObservation;
import dev.sgplab.observe.TryOutcome;
import dev.sgplab.scenario.ScenarioException;
import dev.sgplab.scenario.ScenarioTree;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSimulationTest {

    /**
     * Two pods, one free address: the second pod must get the first pod's IP with a new MAC. One node
     * runs the only CoreDNS replica; fixed latencies: ENI 1 s, start 1 s, run 1 s, a pod every 5 s.
     */
    private static final String TWO_PODS = """
            name: two-pods
            cluster: {nodes: 1, coredns: {replicas: 1}}
            subnet: {cidr: 198.18.0.0/28, used-by-others: 10}
            controller: {branch-eni-cooldown: 30, eni-create-latency: fixed(1)}
            workload: {pods: 2, create-interval: fixed(5), pod-start-latency: fixed(1), run-time: fixed(1)}
            """;

    private static RunObservations run(String yaml, String... sets) {
        ScenarioTree tree = ScenarioTree.parse(yaml, "test").withAll(List.of(sets));
        return new ClusterSimulation(SimulationPlan.of(tree.bind()), 11, ClusterSimulation.Detail.TRACE).run();
    }

    /**
     * Without GC the first pod's entry never leaves the CoreDNS node. Pod 1 resolves at 2 s (ENI at 1 s
     * + 1 s start) and completes at about 3 s. Pod 2, created at 5 s, finds no free address until pod
     * 1's ENI is deleted (cooldown 30 s + the delete job), waiting in steps of one cooldown. Its replies
     * go to pod 1's MAC: both tries of kubernetes.default.default.svc.cluster.local are lost. With seed
     * 11 the entry is still REACHABLE at the first try; replies through a REACHABLE entry use the
     * cached header and do not refresh its use time, so it goes STALE at expiry regardless and the
     * second try finds it STALE and starts DELAY (neigh_timer_handler, __neigh_event_send). After that
     * timeout glibc queries the name as is, 10 s after the first try. Replies keep going to the old
     * MAC until the entry FAILED (8 s after the DELAY began); the first reply after that
     * is resolved afresh and arrives — NXDOMAIN ("kubernetes.default" does not exist upstream) — and
     * the lookup fails.
     */
    @Test
    void aReusedIpWithAStaleEntryFailsTheLookup() {
        RunObservations run = run(TWO_PODS, "kernel.gc-regime=no-gc");
        PodObservation first = run.podDetails().get(0);
        PodObservation second = run.podDetails().get(1);
        assertThat(first.phase()).isEqualTo(PodObservation.SUCCEEDED);
        assertThat(first.firstLookupAt()).isEqualTo(2.0);
        assertThat(second.phase()).isEqualTo(PodObservation.ERROR);
        assertThat(second.ip()).isEqualTo(first.ip());
        assertThat(second.mac()).isNotEqualTo(first.mac());
        assertThat(second.previousOwner().pod()).isEqualTo(first.name());
        assertThat(second.previousOwner().gapSeconds()).isGreaterThan(30);
        assertThat(second.waitedForBranchSeconds()).isGreaterThan(0);
        List<TryObservation> tries = second.tries();
        assertThat(tries).hasSizeBetween(3, 4);
        assertThat(tries.get(0).entry().mac()).isEqualTo(first.mac());
        assertThat(tries.get(0).entry().state()).isEqualTo(NudState.REACHABLE);
        assertThat(tries.get(1).entry().state()).isEqualTo(NudState.STALE);
        assertThat(tries.get(2).entry().state()).isEqualTo(NudState.PROBE); // DELAY began 5 s before
        TryObservation last = tries.get(tries.size() - 1);
        assertThat(tries.subList(0, tries.size() - 1))
                .allSatisfy(t -> assertThat(t.outcome()).isInstanceOfSatisfying(TryOutcome.Lost.class,
                        lost -> assertThat(lost.sentTo()).isEqualTo(first.mac())));
        assertThat(last.query()).isEqualTo(1);                 // the name as is
        assertThat(last.entry().state()).isEqualTo(NudState.FAILED); // re-resolved, so the reply arrives
        assertThat(last.outcome()).isEqualTo(TryOutcome.DELIVERED);
        // the tries are 5 s apart and the NXDOMAIN comes back within milliseconds of the last one
        assertThat(second.endedAt() - last.sentAt()).isLessThan(0.01);
        assertThat(last.sentAt() - second.firstLookupAt()).isEqualTo(5.0 * (tries.size() - 1),
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(run.errorPods()).isEqualTo(1);
        assertThat(run.ipReuses()).isEqualTo(1);
        assertThat(run.podsWaitedForBranch()).isEqualTo(1);
    }

    /** On an ordinary LAN the new owner's ARP broadcast would have repaired the entry. */
    @Test
    void hostsThatSeeArpBroadcastsRepairTheEntry() {
        RunObservations run = run(TWO_PODS, "kernel.gc-regime=no-gc", "vpc.deliver-arp-requests-between-hosts=true");
        assertThat(run.errorPods()).isZero();
        assertThat(run.ipReuses()).isEqualTo(1);
    }

    /** With GC, 70 s of cooldown keep the IP out of reuse until the old entry is gone (60-75 s). */
    @Test
    void periodicGcAndALongCooldownPreventTheFailure() {
        RunObservations run = run(TWO_PODS, "kernel.gc-regime=gc", "controller.branch-eni-cooldown=70");
        assertThat(run.ipReuses()).isEqualTo(1);
        assertThat(run.errorPods()).isZero();
        assertThat(run.podDetails().get(1).tries().get(0).entry().state()).isEqualTo(NudState.ABSENT);
    }

    @Test
    void sameSeedSameRunDifferentSeedDifferentRun() {
        ScenarioTree tree = ScenarioTree.parse("workload: {pods: 40}\nsubnet: {cidr: 198.18.0.0/26}\n", "t");
        SimulationPlan plan = SimulationPlan.of(tree.bind());
        RunObservations a = new ClusterSimulation(plan, 5, ClusterSimulation.Detail.TRACE).run();
        RunObservations b = new ClusterSimulation(plan, 5, ClusterSimulation.Detail.TRACE).run();
        RunObservations c = new ClusterSimulation(plan, 6, ClusterSimulation.Detail.TRACE).run();
        assertThat(a).isEqualTo(b);
        assertThat(a.podDetails()).isNotEqualTo(c.podDetails());
    }

    /** One free address that is never freed (every delete fails, the ENI is forgotten): pod 2 waits for ever. */
    @Test
    void aRunThatCannotFinishSaysWhy() {
        ScenarioTree tree = ScenarioTree.parse(TWO_PODS, "t").with("controller.eni-delete-failure-probability", "1");
        SimulationPlan plan = SimulationPlan.of(tree.bind());
        assertThatThrownBy(() -> new ClusterSimulation(plan, 1, ClusterSimulation.Detail.COUNTS).run())
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("did not finish").hasMessageContaining("0 free");
    }

    /**
     * A run that keeps nothing but counts (flat memory) shows what a traced run shows: same Error
     * pods, reuses, gap statistics and delete-queue figures, for several seeds of a busy scenario
     * (two nodes, so pods wait for branch ENIs and delete queues fill).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4})
    void countsOnlyRunsShowWhatTracedRunsShow(long seed) {
        String busy = """
                name: busy
                cluster: {nodes: 2, coredns: {replicas: 2}}
                subnet: {cidr: 198.18.0.0/26, used-by-others: 20}
                workload:
                  pods: 150
                  create-interval: fixed(1)
                  pod-start-latency: uniform(0.5, 2.5)
                  run-time: uniform(0.5, 1.5)
                """;
        SimulationPlan plan = SimulationPlan.of(ScenarioTree.parse(busy, "test").bind());
        RunObservations counts = new ClusterSimulation(plan, seed, ClusterSimulation.Detail.COUNTS).run();
        RunObservations traced = new ClusterSimulation(plan, seed, ClusterSimulation.Detail.TRACE).run();
        assertThat(counts.podDetails()).isEmpty();
        assertThat(counts.errorPods()).isEqualTo(traced.errorPods());
        assertThat(counts.ipReuses()).isEqualTo(traced.ipReuses()).isPositive();
        assertThat(counts.podsWaitedForBranch()).isEqualTo(traced.podsWaitedForBranch()).isPositive();
        assertThat(counts.maxDeleteQueue()).isEqualTo(traced.maxDeleteQueue());
        assertThat(counts.meanDeleteQueue()).isEqualTo(traced.meanDeleteQueue());
        assertThat(counts.reuseGaps().min()).isEqualTo(traced.reuseGaps().min());
        assertThat(counts.reuseGaps().max()).isEqualTo(traced.reuseGaps().max());
        assertThat(counts.reuseGaps().quantile(0.5)).isEqualTo(traced.reuseGaps().quantile(0.5));
        assertThat(counts.reuseGaps().binCounts(5, 61)).containsExactly(traced.reuseGaps().binCounts(5, 61));
    }
}
