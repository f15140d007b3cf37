package dev.sgplab.cluster.describe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimesTest {
    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"24h, PT24H", "90m, PT1H30M", "2d, PT48H", "3600s, PT1H", "0h, null",
        "-1h, null", "24, null", "h, null", "1.5h, null", "99999999999999999999h, null"})
    void windows(String text, String expected) {
        assertThat(Times.window(text)).isEqualTo(expected == null ? null : Duration.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"us-west-2, aws:///eu-west-1a/i-1, us-west-2",
        "null, aws:///eu-west-1a/i-1, eu-west-1", "null, aws:///us-gov-west-1b/i-1, us-gov-west-1",
        "null, kind://docker/n, null", "null, null, null"})
    void regions(String label, String providerId, String expected) {
        assertThat(Ec2Subnets.regionOf(label == null ? null : java.util.Map.of("topology.kubernetes.io/region", label),
                providerId)).isEqualTo(expected);
    }
}
