package dev.sgplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabLatenessTest {

    /** A run is stretched when its changes to the system were late by more than a second (model time) at p95. */
    @ParameterizedTest(name = "p95 {0} s: stretched {1}")
    @CsvSource({"0, false", "0.5, false", "1.0, false", "1.01, true", "7.5, true"})
    void stretchedAbove95thPercentileOfOneSecond(double p95, boolean stretched) {
        assertThat(new LabLateness(p95, 20, 20).stretched()).isEqualTo(stretched);
    }

    @Test
    void describesEachMeasureInModelSeconds() {
        assertThat(new LabLateness(0.123, 2.5, 0.004).describe()).isEqualTo("changes to the system began 0.12 s late "
                + "(95th percentile; worst 2.50 s), model events at most 0.00 s late (model seconds)");
    }
}
