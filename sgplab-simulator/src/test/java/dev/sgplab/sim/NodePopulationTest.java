package dev.sgplab.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.model.neighbour.GcActivity;
import dev.sgplab.observe.RunObservations;
import dev.sgplab.scenario.ScenarioTree;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CoreDNS node's arp-table population decides its GC regime (gc-regime: auto). */
class NodePopulationTest {

    /**
     * Two pods on the only node, which runs CoreDNS: each runs 40 s. The reference population is 3
     * entries (the CoreDNS pod's PERMANENT and veth entries, the subnet gateway). A test pod adds its
     * PERMANENT entry at CNI ADD and two host entries at its lookup, and the node learns its IP on
     * eth0: 7 entries while a pod runs, 4 after (the eth0 entry stays: nothing scans at 4).
     */
    private static final String TWO_LONG_PODS = """
            name: two-long-pods
            cluster: {nodes: 1, coredns: {replicas: 1}}
            subnet: {cidr: 198.18.0.0/28, used-by-others: 10}
            controller: {branch-eni-cooldown: 30, eni-create-latency: fixed(1)}
            workload: {pods: 2, create-interval: fixed(5), pod-start-latency: fixed(1), run-time: fixed(40)}
            """;

    private static GcActivity node0(String... sets) {
        ScenarioTree tree = ScenarioTree.parse(TWO_LONG_PODS, "test").withAll(List.of(sets));
        RunObservations run = new ClusterSimulation(SimulationPlan.of(tree.bind()), 11, ClusterSimulation.Detail.COUNTS)
                .run();
        assertThat(run.gcActivity()).hasSize(1);
        return run.gcActivity().get(0);
    }

    /** gc_thresh1 5: GC starts when a pod comes, stops when it goes, starts again with the next. */
    @Test
    void gcRunsWhileThePodsLiftTheTableToGcThresh1() {
        GcActivity activity = node0("kernel.gc_thresh1=5");
        assertThat(activity.node()).isEqualTo("node-0");
        assertThat(activity.minEntries()).isEqualTo(3);
        assertThat(activity.maxEntries()).isEqualTo(7);
        assertThat(activity.entriesAtEnd()).isEqualTo(4);
        assertThat(activity.scans()).isPositive().isLessThan(activity.periodicRuns());
    }

    /** The reference population alone never reaches 128: no scan in the whole run. */
    @Test
    void aQuietNodeNeverScans() {
        GcActivity activity = node0();
        assertThat(activity.periodicRuns()).isPositive();
        assertThat(activity.scans()).isZero();
        assertThat(activity.maxEntries()).isEqualTo(7);
    }

    /** Stated standing entries count from the start: 125 + the pods' 4 crosses 128. */
    @Test
    void standingEntriesAreCountedFromTheStart() {
        GcActivity activity = node0("population.coredns-clients=122");
        assertThat(activity.minEntries()).isEqualTo(125);
        assertThat(activity.maxEntries()).isEqualTo(129);
        assertThat(activity.scans()).isPositive().isLessThan(activity.periodicRuns());
    }

    @Test
    void forcedRegimesOverrideTheCount() {
        GcActivity gc = node0("kernel.gc-regime=gc");
        assertThat(gc.scans()).isEqualTo(gc.periodicRuns());
        assertThat(node0("kernel.gc-regime=no-gc", "kernel.gc_thresh1=0").scans()).isZero();
    }
}
