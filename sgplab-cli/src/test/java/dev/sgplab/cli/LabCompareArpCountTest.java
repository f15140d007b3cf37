package dev.sgplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.lab.ArpCount;
import dev.sgplab.lab.LabLateness;
import dev.sgplab.report.CompareReport;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** lab compare judges each run's arp entry count: a run that did not hold the scenario's cannot agree. */
class LabCompareArpCountTest {
    private static final int[] SIMULATED = IntStream.range(0, 100).map(i -> 26 + i % 5).toArray();
    private static final LabLateness IDLE = new LabLateness(0.11, 0.19, 0.01);
    private static final ArpCount HELD = new ArpCount(128, 0.25, 300, 115, 147, 115, 145, 4, 3, 1, 2, 30, 110);
    private static final ArpCount OFF = new ArpCount(128, 0.25, 300, 43, 137, 43, 87, 52, 267, 31, 2, 0, 37);

    private static CompareReport.Document compare(ArpCount... counts) {
        List<Integer> runs = List.of(28, 28);
        CompareReport.Document plain = LabCommand.Compare.document("s", 0.2, runs, List.of(100, 100), List.of(1L, 2L),
                List.of(IDLE, IDLE), SIMULATED);
        return LabCommand.Compare.withArpCounts(plain, Arrays.asList(counts));
    }

    @Test
    void runsThatHeldTheCountKeepTheVerdictAndSaySo() {
        CompareReport.Document d = compare(HELD, HELD);
        assertThat(d.agree()).isTrue();
        assertThat(d.checks()).filteredOn(c -> c.contains("arp")).hasSize(2)
                .allMatch(c -> c.contains("the kernel held the scenario's arp entry count: the kernel's arp table held 115..147"));
    }

    @Test
    void aRunOffTheCountCannotAgree() {
        CompareReport.Document d = compare(HELD, OFF);
        assertThat(d.agree()).isFalse();
        assertThat(d.checks()).anyMatch(c -> c.startsWith("lab run 2: NOT the scenario's arp entry count"));
    }

    @Test
    void runsOutsideGcRegimeAutoAreNotJudgedOnTheCount() {
        CompareReport.Document d = compare(null, null);
        assertThat(d.agree()).isTrue();
        assertThat(d.checks()).noneMatch(c -> c.contains("arp"));
    }
}
