package dev.sgplab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LabComparisonTest {
    /** 100 simulated runs: 20 each of 26..30 Error pods (mean 28, range 26..30, sd about 1.4). */
    private static final int[] SIMULATED = IntStream.range(0, 100).map(i -> 26 + i % 5).toArray();

    @Test
    void runsInsideTheRangeWithAMeanCloseToTheModelsAgree() {
        LabComparison c = LabComparison.of(List.of(27, 29), SIMULATED);
        assertThat(c.agree()).isTrue();
        assertThat(c.simulator().low()).isEqualTo(26);
        assertThat(c.simulator().high()).isEqualTo(30);
        // sd: 20 runs each 2, 1, 0, 1, 2 away from 28: sqrt(20 * (4 + 1 + 0 + 1 + 4) / 99) = 1.421
        assertThat(c.simulatorSd()).isCloseTo(1.421, org.assertj.core.api.Assertions.within(0.001));
        assertThat(c.runChecks()).containsExactly("lab run 1: 27 Error pods inside the simulator's 26..30",
                "lab run 2: 29 Error pods inside the simulator's 26..30");
        // 2 standard errors: 2 * 1.421 / sqrt(2) = 2.01; |28 - 28| is within
        assertThat(c.meanCheck()).contains("lab mean 28.00 within 2 standard errors (2.01) of the simulator's mean 28.00");
        assertThat(c.paired()).containsExactly(26, 27);
    }

    @Test
    void aRunOutsideTheRangeOrAMeanTooFarDisagrees() {
        LabComparison one = LabComparison.of(List.of(31), SIMULATED);
        assertThat(one.agree()).isFalse();
        assertThat(one.runChecks()).singleElement().asString().contains("OUTSIDE");
        assertThat(one.meanCheck()).isEmpty();
        // both inside 26..30, but their mean (26) is more than 2 standard errors (2 * 1.421 / 2 = 1.42) from 28
        LabComparison four = LabComparison.of(List.of(26, 26, 26, 26), SIMULATED);
        assertThat(four.agree()).isFalse();
        assertThat(four.meanCheck()).hasValueSatisfying(m -> assertThat(m).contains("NOT within"));
    }

    @Test
    void tooFewSimulatedRunsAreRefused() {
        assertThatThrownBy(() -> LabComparison.of(List.of(1), new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
