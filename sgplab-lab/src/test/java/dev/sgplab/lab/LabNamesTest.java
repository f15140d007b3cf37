package dev.sgplab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabNamesTest {

    /** Cleanup removes only what this naming scheme makes: other "sgplab-" namespaces are not ours. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
        "sgplab-1a2b-fabric, sgplab-1a2b",
        "sgplab-1a2b-node0, sgplab-1a2b",
        "sgplab-1a2b-p17, sgplab-1a2b",
        "sgplab-guardtest-4242, none",   // the guard command's test namespace
        "sgplab-1a2b, none",
        "sgplab-1a2b-fabricx, none",
        "sgplab-1A2B-p1, none",
        "other-1a2b-p1, none"
    })
    void aNamespaceIsOursOnlyIfItFollowsTheScheme(String namespace, String prefix) {
        assertThat(LabNames.prefixOf(namespace)).isEqualTo(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgplab-", "sgplab-1a2", "sgplab-1a2b-fabric", "1a2b", "sgplab-zzzz"})
    void aPrefixIsSgplabAndFourHexDigits(String notAPrefix) {
        assertThatThrownBy(() -> LabNames.ofPrefix(notAPrefix)).isInstanceOf(LabException.Unusable.class)
                .hasMessageContaining("not a lab run's prefix");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgplab-1a2b", "sgplab-0000"})
    void aPrefixGivesTheRunsNames(String prefix) {
        LabNames names = LabNames.ofPrefix(prefix);
        assertThat(names.prefix()).isEqualTo(prefix);
        assertThat(LabNames.prefixOf(names.fabric())).isEqualTo(prefix);
        assertThat(LabNames.prefixOf(names.pod(3))).isEqualTo(prefix);
        assertThat(names.bridge()).startsWith(names.linkPrefix()).hasSizeLessThanOrEqualTo(15);
    }
}
