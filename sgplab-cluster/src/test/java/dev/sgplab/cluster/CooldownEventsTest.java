package dev.sgplab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CooldownEventsTest {
    /** The controller's message ends with the period as Go prints a time.Duration. */
    @Test
    void periodsArePrintedAsGoPrintsThem() {
        assertThat(CooldownEvents.goDuration(30)).isEqualTo("30s");
        assertThat(CooldownEvents.goDuration(60)).isEqualTo("1m0s");
        assertThat(CooldownEvents.goDuration(70)).isEqualTo("1m10s");
        assertThat(CooldownEvents.goDuration(3600)).isEqualTo("1h0m0s");
        assertThat(CooldownEvents.goDuration(3725)).isEqualTo("1h2m5s");
    }

    @Test
    void timeoutsArePrintedAsPeopleWriteThem() {
        assertThat(CooldownEvents.seconds(Duration.ofSeconds(120))).isEqualTo("120");
        assertThat(CooldownEvents.seconds(Duration.ofMillis(500))).isEqualTo("0.5");
    }
}
