package dev.sgplab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sgplab.engine.Time;
import dev.sgplab.model.neighbour.NeighbourParams;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioTreeTest {

    @Test
    void defaultsAreTheRealSystemsDefaults() {
        Scenario s = ScenarioTree.defaults().bind();
        assertThat(s.kernel().neighbourParams()).isEqualTo(NeighbourParams.LINUX_DEFAULTS);
        assertThat(s.kernel().tableParams().gcThresh1()).isEqualTo(128);
        assertThat(s.controller().cooldown().cooldown().period()).isEqualTo(Time.seconds(60));
        assertThat(s.cluster().coredns().replicas()).isEqualTo(2);
        assertThat(s.dns().profile().tryOffsets()).containsExactly(0, Time.seconds(5));
        assertThat(s.cluster().branchLimit()).isEqualTo(9); // m5.large
    }

    @Test
    void aFileOverridesOnlyWhatItSays() {
        Scenario s = ScenarioTree.parse("kernel:\n  gc_stale_time: 90\nworkload:\n  pods: 12\n", "t.yaml").bind();
        assertThat(s.kernel().gcStaleTime()).isEqualTo(90);
        assertThat(s.kernel().baseReachableTimeMs()).isEqualTo(30000);
        assertThat(s.workload().pods()).isEqualTo(12);
    }

    @Test
    void setEditsTheTreeByDottedPath() {
        ScenarioTree tree = ScenarioTree.defaults().withAll(List.of("controller.branch-eni-cooldown=45",
                "cluster.coredns.nodes=[0, 0]", "dns.search=[a.example]"));
        Scenario s = tree.bind();
        assertThat(s.controller().cooldown().cooldown().period()).isEqualTo(Time.seconds(45));
        assertThat(s.cluster().corednsNodes()).containsExactly(0, 0);
        assertThat(s.dns().search()).containsExactly("a.example");
        assertThat(tree.get("controller.branch-eni-cooldown")).isEqualTo("45");
    }

    @Test
    void cooldownBelowTheFloorIsClampedWithAWarning() {
        Scenario low = ScenarioTree.defaults().with("controller.branch-eni-cooldown", "29").bind();
        assertThat(low.controller().cooldown().cooldown().period()).isEqualTo(Time.seconds(30));
        assertThat(low.warnings()).singleElement().asString().contains("below the controller's minimum");
        Scenario garbage = ScenarioTree.defaults().with("controller.branch-eni-cooldown", "soon").bind();
        assertThat(garbage.controller().cooldown().cooldown().period()).isEqualTo(Time.seconds(60));
        assertThat(garbage.warnings()).singleElement().asString().contains("failed to parse");
    }

    @Test
    void missingAndUnreadableFiles(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ScenarioLoader.load(dir.resolve("nope.yaml")))
                .hasMessageEndingWith("nope.yaml: no such file");
        assertThatThrownBy(() -> ScenarioLoader.load(dir)).hasMessageEndingWith(": is a folder, not a scenario file");
    }

    @Test
    void theReportScenarioIsValid() {
        Scenario s = ScenarioLoader.load(Path.of("..", "scenarios", "report-200-pods.yaml")).bind();
        assertThat(s.workload().pods()).isEqualTo(200);
        assertThat(s.cluster().branchLimit()).isEqualTo(18);
    }
}
