package dev.sgplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.observe.RunObservations;
import dev.sgplab.scenario.ScenarioTree;
import dev.sgplab.sim.ClusterSimulation;
import dev.sgplab.sim.SimulationPlan;
import org.junit.jupiter.api.Test;

/** A pod that asks the node-local cache: its story names the cache on its node, not a CoreDNS replica. */
class NodeLocalCacheStoryTest {
    @Test
    void underStrictModeTheStorySaysTheCacheNeverAnswered() {
        ScenarioTree one = ScenarioTree.parse("""
                cluster: {nodes: 1, coredns: {replicas: 1}}
                dns: {node-local-cache: "on"}
                workload: {pods: 1}
                """, "test");
        RunObservations run = new ClusterSimulation(SimulationPlan.of(one.bind()), 1, ClusterSimulation.Detail.TRACE).run();
        String story = ErrorStory.tell(run.podDetails().get(0));
        // glibc, attempts 2: two tries of the first search name, then (after its timeout) two of the name as is
        assertThat(story).contains("query 1 try 1 at").contains("query 2 try 2 at")
                .contains("-> the node-local cache on node-0 -> unanswered: strict mode")
                .doesNotContain("CoreDNS replica");
    }
}
