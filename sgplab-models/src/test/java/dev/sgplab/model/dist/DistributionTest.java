package dev.sgplab.model.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DistributionTest {

    @Test
    void parsesEveryForm() {
        assertThat(Distribution.parse("2")).isEqualTo(new Distribution.Fixed(2));
        assertThat(Distribution.parse("fixed(2.5)")).isEqualTo(new Distribution.Fixed(2.5));
        assertThat(Distribution.parse(" uniform(1, 3) ")).isEqualTo(new Distribution.Uniform(1, 3));
        assertThat(Distribution.parse("exponential(4)").mean()).isEqualTo(4);
        assertThat(Distribution.parse("lognormal(1.5, 0.3)").text()).isEqualTo("lognormal(1.5, 0.3)");
    }

    @Test
    void samplesStayInRange() {
        SplittableRandom random = new SplittableRandom(9);
        Distribution uniform = Distribution.parse("uniform(1, 3)");
        for (int i = 0; i < 1000; i++) {
            assertThat(uniform.sample(random)).isBetween(1.0, 3.0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "uniform(3, 1)", "uniform(1)", "normal(1, 2)", "exponential(0)", "fixed(x)",
        "lognormal(-1, 0.2)"})
    void rejectsBadDistributions(String text) {
        assertThatThrownBy(() -> Distribution.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
