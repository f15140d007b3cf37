package dev.sgplab.sim.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sgplab.scenario.ScenarioTree;
import dev.sgplab.sim.Replications;
import dev.sgplab.sim.SimulationPlan;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Replication counts and grids are refused past their bounds before any run, and never overflow. */
class RunBoundsTest {

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource(nullValues = "fine", delimiter = '|', value = {
        "200        | 3       | fine",
        "1000000    | 10      | fine",
        "0          | 1       | must be positive, got 0",
        "-1         | 1       | must be positive, got -1",
        "1000001    | 1       | must be at most 1,000,000 per setting (enough to resolve an Error rate of 1e-8), got 1,000,001",
        "2000000000 | 3       | got 2,000,000,000",
        "1000000    | 11      | 1,000,000 x 11 settings = 11,000,000 runs is over sgplab's bound of 10,000,000 runs per command",
        "200        | 100000  | 200 x 100,000 settings = 20,000,000 runs",
    })
    void refusal(long perSetting, long settings, String expected) {
        String refusal = Replications.refusal(perSetting, settings);
        if (expected == null) {
            assertThat(refusal).isNull();
        } else {
            assertThat(refusal).contains(expected);
        }
    }

    @Test
    void replicationsPastTheBoundAreRefusedBeforeAnyArrayIsMade() {
        SimulationPlan plan = SimulationPlan.of(ScenarioTree.defaults().bind());
        assertThatThrownBy(() -> Replications.run(plan, 1, Integer.MAX_VALUE, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be at most 1,000,000");
    }

    /** Three axes of 10,000 values: 1e12 cells, counted without building them and without overflow. */
    @Test
    void aHugeGridIsCountedNotBuilt() {
        List<String> values = Collections.nCopies(10_000, "1");
        List<Vary> axes = List.of(new Vary("a", values), new Vary("b", values), new Vary("c", values));
        assertThat(Sweep.cellCount(axes)).isGreaterThan(Sweep.MAX_CELLS);
        assertThatThrownBy(() -> Sweep.cells(axes)).hasMessageContaining("more than 100000 cells");
        assertThat(Sweep.cellCount(List.of(new Vary("a", List.of("1", "2", "3")), new Vary("b", List.of("x", "y")))))
                .isEqualTo(6);
    }
}
