package dev.sgplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0         | 0",
        "0.1435    | 14 %",
        "0.036     | 3.6 %",
        "0.01      | 1 %",
        "0.00719   | 1 in 140",   // 1 / 0.00719 = 139.1
        "0.0001    | 1 in 10,000",
        "0.000032  | 1 in 31,000", // 31,250
        "0.5       | 50 %"
    })
    void ratesArePercentagesOrOneInN(double rate, String expected) {
        assertThat(Numbers.rate(rate)).isEqualTo(expected);
        assertThat(Numbers.rate(rate)).doesNotContain("e-", "E-");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0        | 0",
        "60       | 60",
        "60.04    | 60.0",
        "24.06    | 24.1",
        "1234.4   | 1,234",
        "0.0345   | 0.035",
        "0.5      | 0.5",
        "-0.0001  | -0.0001"
    })
    void meansHaveAPrecisionThatFollowsTheirSize(double value, String expected) {
        assertThat(Numbers.mean(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.0001 | 1 in 10,000 pods",
        "0.05   | 5 % of pods",
        "0      | 0 pods"
    })
    void ratesInSentencesSayOfWhat(double rate, String expected) {
        assertThat(Numbers.rateOfPods(rate)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void rangesAndSecondsCarryTheirUnits() {
        assertThat(Numbers.rateRange(0, 0.00719)).isEqualTo("0 .. 1 in 140");
        assertThat(Numbers.seconds(8.46)).isEqualTo("8.5 s");
        assertThat(Numbers.seconds(70)).isEqualTo("70 s");
    }
}
