package dev.sgplab.model.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KebabNamesTest {
    private enum Policy {
        RANDOM_FREE, LOWEST_FREE, LEAST_RECENTLY_RELEASED
    }

    private enum Single {
        ONLY
    }

    @Test
    void aConstantIsWrittenInKebabCase() {
        assertThat(KebabNames.of(Policy.LEAST_RECENTLY_RELEASED)).isEqualTo("least-recently-released");
        assertThat(KebabNames.all(Policy.class)).containsExactly("random-free", "lowest-free",
                "least-recently-released");
    }

    @Test
    void namesAreFoundExactly() {
        assertThat(KebabNames.find(Policy.class, "lowest-free")).contains(Policy.LOWEST_FREE);
        assertThat(KebabNames.find(Policy.class, "LOWEST_FREE")).isEmpty();
        assertThat(KebabNames.find(Policy.class, "Lowest-free")).isEmpty();
        assertThat(KebabNames.find(Policy.class, null)).isEmpty();
    }

    @Test
    void anUnknownNameListsTheAllowedOnes() {
        assertThat(KebabNames.allowed(Single.class)).isEqualTo("only");
        assertThatThrownBy(() -> KebabNames.parse(Policy.class, "highest-free", "allocation policy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown allocation policy 'highest-free' (expected random-free, lowest-free or "
                        + "least-recently-released)");
    }
}
