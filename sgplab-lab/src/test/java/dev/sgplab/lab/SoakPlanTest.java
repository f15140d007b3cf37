package dev.sgplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SoakPlanTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 7, 42, 1234})
    void everyThreeRunsTryEachSignalAndEachPhaseAndEveryNineEveryPair(long seed) {
        List<SoakPlan.Fault> plan = SoakPlan.of(27, seed);
        assertThat(plan).hasSize(27);
        for (int start = 0; start < 27; start += 3) {
            List<SoakPlan.Fault> three = plan.subList(start, start + 3);
            assertThat(three).extracting(SoakPlan.Fault::signal).containsExactlyInAnyOrder(SoakPlan.Signal.values());
            assertThat(three).extracting(SoakPlan.Fault::aim).containsExactlyInAnyOrderElementsOf(SoakPlan.AIMED);
        }
        for (int start = 0; start < 27; start += 9) {
            Set<String> pairs = new HashSet<>();
            plan.subList(start, start + 9).forEach(f -> pairs.add(f.signal() + "/" + f.aim()));
            assertThat(pairs).hasSize(9);
        }
        assertThat(plan).allSatisfy(f -> assertThat(f.fraction()).isGreaterThanOrEqualTo(0).isLessThan(1));
        assertThat(plan).extracting(SoakPlan.Fault::run).startsWith(1, 2, 3);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 99})
    void theSameSeedGivesTheSamePlanAndAnotherSeedAnother(long seed) {
        assertThat(SoakPlan.of(20, seed)).isEqualTo(SoakPlan.of(20, seed));
        assertThat(SoakPlan.of(20, seed)).isNotEqualTo(SoakPlan.of(20, seed + 1));
    }
}
