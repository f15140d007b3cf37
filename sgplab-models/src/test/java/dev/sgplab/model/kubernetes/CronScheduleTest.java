package dev.sgplab.model.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Time 0 is Monday 2024-01-01 00:00; expected times worked out by hand on that calendar. */
class CronScheduleTest {
    @ParameterizedTest(name = "''{0}'' after {1} s: {2} s")
    @CsvSource(delimiter = '|', value = {
            "*/15 * * * *   | -1    | 0",
            "*/15 * * * *   | 0     | 900",
            "*/15 * * * *   | 899.5 | 900",
            "30 2 * * *     | 0     | 9000",
            "0 9-17/4 * * * | 0     | 32400",      // 09:00
            "0 9-17/4 * * * | 32400 | 46800",      // 13:00
            "0 9-17/4 * * * | 61200 | 118800",     // 17:00 is done: the next day's 09:00
            "0 12 * * 0     | 0     | 561600",     // Sunday 7 January 12:00: 6 days + 12 h
            "0 12 * * 7     | 0     | 561600",     // 7 is Sunday too
            "0 0 1 * *      | 0     | 2678400",    // 1 February: 31 days
            "0 0 13 * 5     | 0     | 345600",     // day of month OR day of week: Friday 5 January first
            "5,35 * * * *   | 300   | 2100"})
    void nextRun(String schedule, double after, long expected) {
        assertThat(CronSchedule.parse(schedule).nextAfter(after)).isEqualTo(expected);
    }

    @Test
    void aScheduleThatNeverComesHasNoNextRun() {
        assertThat(CronSchedule.parse("0 0 31 2 *").nextAfter(0)).isEqualTo(-1);
    }

    @Test
    void refusesWhatTheSubsetDoesNotHold() {
        assertThatThrownBy(() -> CronSchedule.parse("@hourly")).hasMessageContaining("five fields");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 * * MON")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> CronSchedule.parse("60 * * * *")).hasMessageContaining("outside 0..59");
        assertThatThrownBy(() -> CronSchedule.parse("0 5-2 * * *")).hasMessageContaining("backwards");
    }
}
