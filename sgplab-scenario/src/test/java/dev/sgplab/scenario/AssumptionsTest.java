package dev.sgplab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssumptionsTest {
    @Test
    void everyKeyIsAScenarioKeyAndNamesTheValueTheScenarioHolds() {
        ScenarioTree tree = ScenarioTree.defaults().with("controller.branch-eni-cooldown", "45");
        Map<String, String> assumptions = Assumptions.of(tree, 45.4);
        List<String> expectedKeys = new ArrayList<>(Assumptions.KEYS);
        expectedKeys.add("effective-cooldown-seconds");
        assertThat(assumptions.keySet()).containsExactlyElementsOf(expectedKeys);
        assertThat(assumptions.get("controller.branch-eni-cooldown")).isEqualTo("45");
        for (String key : Assumptions.KEYS) {
            assertThat(assumptions.get(key)).as(key).isEqualTo(tree.get(key)).isNotNull();
        }
    }

    @Test
    void theEffectiveCooldownIsRoundedToWholeSeconds() {
        // The controller's floor is 30 s: a run asked for 10 s ran at 30 s, and says so.
        assertThat(Assumptions.of(ScenarioTree.defaults(), 30.0).get("effective-cooldown-seconds")).isEqualTo("30");
        assertThat(Assumptions.of(ScenarioTree.defaults(), 59.5).get("effective-cooldown-seconds")).isEqualTo("60");
    }
}
