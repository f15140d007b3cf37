package dev.sgplab.model.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackOffTest {

    @Test
    void crashLoopBackOffDoublesFromTenSecondsToFiveMinutes() {
        CrashLoopBackOff backOff = new CrashLoopBackOff();
        double[] delays = new double[8];
        for (int i = 0; i < delays.length; i++) {
            delays[i] = backOff.exited(1);
        }
        assertThat(delays).containsExactly(10, 20, 40, 80, 160, 300, 300, 300);
    }

    @Test
    void crashLoopBackOffResetsAfterTenMinutesRunning() {
        CrashLoopBackOff backOff = new CrashLoopBackOff();
        backOff.exited(1);
        backOff.exited(1);
        assertThat(backOff.exited(599)).isEqualTo(40);
        assertThat(backOff.exited(600)).isEqualTo(10);
    }

    @Test
    void jobPodFailureBackOffIsCappedAtSixMinutesAndTheLimitIsExceededPastIt() {
        assertThat(JobBackoff.delay(1)).isEqualTo(10);
        assertThat(JobBackoff.delay(2)).isEqualTo(20);
        assertThat(JobBackoff.delay(6)).isEqualTo(320);
        assertThat(JobBackoff.delay(7)).isEqualTo(360);
        assertThat(JobBackoff.delay(40)).isEqualTo(360);
        JobBackoff defaults = new JobBackoff(JobBackoff.DEFAULT_BACKOFF_LIMIT);
        assertThat(defaults.exceeded(6)).isFalse();
        assertThat(defaults.exceeded(7)).isTrue();
        assertThat(new JobBackoff(0).exceeded(1)).isTrue();
    }
}
