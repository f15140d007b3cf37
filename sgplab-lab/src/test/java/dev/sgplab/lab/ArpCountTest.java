package dev.sgplab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Reading the kernel's arp entry count, and judging the samples against the scenario's (no root). */
class ArpCountTest {
    private static final String STAT = """
            entries  allocs   destroys hash_grows lookups  hits     res_failed rcv_probes_mcast rcv_probes_ucast periodic_gc_runs forced_gc_runs unresolved_discards table_fulls
            0000008a 0000189d 00001f2a 00000002   0000fbf9 0000b96e 000000ea   00000000         00000000         000006b7         00000000       00000000            00000000
            0000008a 000018e7 00001258 00000003   000101a9 0000be63 000000bc   00000000         00000000         00000000         00000000       00000000            00000000
            """;

    @Test
    void theEntriesColumnIsHex() {
        assertThat(ArpCacheStat.parseEntries(STAT)).isEqualTo(138);
    }

    @Test
    void anotherFormatIsOneLineError() {
        assertThatThrownBy(() -> ArpCacheStat.parseEntries("lookups hits\n1 2\n")).isInstanceOf(LabException.class)
                .hasMessageContaining("no entries column");
    }

    @Test
    void samplesWithinTheToleranceHoldTheCount() {
        ArpCountKeeper.Samples samples = new ArpCountKeeper.Samples();
        for (int i = 0; i < 100; i++) {
            samples.add(120 + i % 3, 121, 128, 90);
        }
        ArpCount count = samples.report(128, 0.25, 2);
        assertThat(count.held()).isTrue();
        assertThat(count.kernelMin()).isEqualTo(120);
        assertThat(count.kernelMax()).isEqualTo(122);
        assertThat(count.maxOff()).isEqualTo(1);
        assertThat(count.samplesOtherSideOfThresh1()).isZero();
        assertThat(count.describe()).contains("held 120..122 entries, the scenario's count 121..121 (gc_thresh1 128)");
    }

    @Test
    void aCountOffInMoreThanOneSampleInTwentyIsNotHeld() {
        ArpCountKeeper.Samples samples = new ArpCountKeeper.Samples();
        for (int i = 0; i < 100; i++) {
            samples.add(i < 6 ? 140 : 120, 120, 128, 0); // the lab's own entries above the scenario's count
        }
        ArpCount count = samples.report(128, 0.25, 2);
        assertThat(count.held()).isFalse();
        assertThat(count.samplesOff()).isEqualTo(6);
        assertThat(count.samplesOtherSideOfThresh1()).isEqualTo(6);
    }

    @Test
    void noSampleIsNotHeld() {
        assertThat(new ArpCountKeeper.Samples().report(128, 0.25, 2).held()).isFalse();
    }
}
