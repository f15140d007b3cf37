package dev.sgplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.lab.LabLateness;
import dev.sgplab.report.CompareReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The document lab compare prints: the statistics are dev.sgplab.sim.LabComparison's (tested there). */
class LabCompareDocumentTest {
    /** 100 simulated runs: 20 each of 26..30 Error pods (mean 28, range 26..30, sd about 1.4). */
    private static final int[] SIMULATED = IntStream.range(0, 100).map(i -> 26 + i % 5).toArray();
    private static final LabLateness IDLE = new LabLateness(0.11, 0.19, 0.01);
    private static final LabLateness BUSY = new LabLateness(2.5, 4.0, 0.3);

    private static CompareReport.Document compare(List<Integer> runs, List<LabLateness> lateness) {
        return LabCommand.Compare.document("s", 0.2, runs, runs.stream().map(r -> 100).toList(),
                runs.stream().map(r -> 1L).toList(), lateness, SIMULATED);
    }

    @Test
    void theChecksListEachRunThenStretchedRunsThenTheMean() {
        CompareReport.Document d = compare(List.of(27, 29), List.of(IDLE, BUSY));
        assertThat(d.agree()).isTrue();
        assertThat(d.simulator().errorPods().low()).isEqualTo(26);
        assertThat(d.simulator().errorPods().high()).isEqualTo(30);
        assertThat(d.simulator().replications()).isEqualTo(100);
        assertThat(d.checks()).hasSize(4);
        assertThat(d.checks().get(0)).startsWith("lab run 1: 27");
        assertThat(d.checks().get(1)).startsWith("lab run 2: 29");
        assertThat(d.checks().get(2)).startsWith("lab run 2: the host was too busy");
        assertThat(d.checks().get(3)).startsWith("lab mean 28.00 within");
    }

    @Test
    void aStretchedRunIsNamedWithItsTiming() {
        CompareReport.Document d = compare(List.of(20, 28), List.of(BUSY, IDLE));
        assertThat(d.checks()).filteredOn(c -> c.contains("too busy")).singleElement().asString()
                .startsWith("lab run 1:").contains("2.50 s late");
        assertThat(d.lab().lateness()).containsExactly(BUSY, IDLE);
    }

    /** A saved comparison renders as HTML with its numbers and checks. */
    @Test
    void aSavedComparisonRendersAsHtml(@TempDir Path dir) throws Exception {
        CompareReport.Document d = compare(List.of(20, 28), List.of(BUSY, IDLE))
                .guarded(compare(List.of(0), List.of(IDLE)));
        Path json = dir.resolve("compare.json");
        Files.writeString(json, CompareReport.json(d));
        CliTest.Result r = CliTest.run("report", "--from", json.toString(), "--out", dir.resolve("html").toString());
        assertThat(r.code()).as(r.err()).isZero();
        String html = Files.readString(dir.resolve("html/index.html"));
        assertThat(html).contains("<td>20</td>", "<td>28</td>", "26 .. 30", "agree: NO", "too busy",
                "With sgplab guard on the DNS nodes", "<td>0</td>");
    }
}
