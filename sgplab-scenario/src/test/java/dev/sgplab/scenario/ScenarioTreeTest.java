package dev.sgplab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sgplab.engine.Time;
import dev.sgplab.model.neighbour.NeighbourParams;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'kernel:\n  gc_stale_tme: 90\n' | t.yaml: unknown key 'kernel.gc_stale_tme'",
        "'colour: blue\n' | t.yaml: unknown key 'colour'",
        "'kernel: [1, 2\n' | t.yaml: malformed YAML",
        "'- a\n- b\n' | t.yaml: a scenario must be a YAML mapping of keys",
        "'kernel: 5\n' | t.yaml: 'kernel' must be a section of keys",
        "'subnet:\n  cidr: 198.18.0.0/33\n' | t.yaml: subnet.cidr: invalid CIDR '198.18.0.0/33'",
        "'subnet:\n  cidr: banana\n' | t.yaml: subnet.cidr: invalid CIDR 'banana'",
        "'workload:\n  pods: 0\n' | t.yaml: workload.pods must be positive, got 0",
        "'cluster:\n  nodes: -2\n' | t.yaml: cluster.nodes must be positive, got -2",
        "'workload:\n  pods: many\n' | t.yaml: 'workload.pods': wrong type of value",
        "'workload:\n  create-interval: soon\n' | t.yaml: workload.create-interval: invalid distribution 'soon'",
        "'cluster:\n  instance-type: t3.nano\n' | t.yaml: cluster.instance-type 't3.nano' is not in the branch limit table",
        "'cluster:\n  instance-type: c4.large\n' | t.yaml: cluster.instance-type 'c4.large' is not trunking compatible",
        "'kernel:\n  gc-regime: sometimes\n' | t.yaml: kernel: unknown gc-regime 'sometimes'",
        "'cluster:\n  coredns:\n    nodes: [0, 7]\n' | t.yaml: cluster.coredns.nodes: node index 7 is outside 0..2",
        "'subnet:\n  cidr: 198.18.0.0/28\n  used-by-others: 11\n' | t.yaml: subnet: used-by-others must be 0..10"
    })
    void badInputIsOneLineNamingTheProblem(String yaml, String message) {
        assertThatThrownBy(() -> ScenarioTree.parse(yaml, "t.yaml").bind())
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void badSetsAreRejected() {
        ScenarioTree tree = ScenarioTree.defaults();
        assertThatThrownBy(() -> tree.with("controller.cooldown", "45")).hasMessageContaining("unknown key 'controller.cooldown'");
        assertThatThrownBy(() -> tree.withAll(List.of("kernel"))).hasMessageContaining("expected key=value");
        assertThatThrownBy(() -> tree.with("kernel", "1")).hasMessageContaining("is a section");
    }

    /** As the controller does: below 30 s it is clamped, with a warning; garbage means 60. */
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
