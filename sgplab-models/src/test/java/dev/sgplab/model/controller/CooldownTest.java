package dev.sgplab.model.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.engine.Time;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The controller's reading of branch-eni-cooldown (cooldown.go: strconv.Atoi, default 60, floor 30). */
class CooldownTest {

    @ParameterizedTest(name = "''{0}'' -> {1} s")
    @CsvSource(nullValues = "NULL", value = {
        "60, 60, false",
        "70, 70, false",
        "30, 30, false",
        "29, 30, true",     // below the minimum: GetCoolDownPeriod returns 30
        "0, 30, true",
        "-5, 30, true",     // Atoi accepts a sign
        "+45, 45, false",
        "abc, 60, true",    // unparsable: the default
        "' 45', 60, true",  // Atoi does not trim
        "4.5, 60, true",
        "'', 60, true",
        "NULL, 60, false"   // key missing: the default, nothing to warn about
    })
    void readsTheConfigMapValueAsTheControllerDoes(String value, long expectedSeconds, boolean warns) {
        Cooldown.Parsed parsed = Cooldown.fromConfigMapValue(value);
        assertThat(parsed.cooldown().period()).isEqualTo(Time.seconds(expectedSeconds));
        assertThat(parsed.warning() != null).isEqualTo(warns);
    }
}
