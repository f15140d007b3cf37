package dev.sgplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.observe.PodObservation;
import dev.sgplab.observe.WorkloadObservation;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadResultsTest {
    private static final WorkloadObservation WEB = new WorkloadObservation("web", "deployment", 36, 2, 0, 3, 0, 2, 15,
            20, 0, 0, 5, 4, 1, 7.5, 12, 0, 34);
    private static final WorkloadObservation NIGHTLY = new WorkloadObservation("nightly", "cronjob", 25, 1, 1, 0, 0, 0,
            0, 0, 6, 1, 0, 0, 0, 0, 0, 0, 24);

    @Test
    void theTableSaysWhatEachWorkloadWentThrough() {
        String table = SimulateReport.workloadTable(List.of(WEB, NIGHTLY));
        assertThat(table.lines()).anySatisfy(l -> assertThat(l).matches(
                "web\\s+deployment\\s+36\\s+2\\s+0\\s+3\\s+0\\s+2 \\(15/20\\)\\s+-\\s+1/4/5 \\(7.5\\)"));
        assertThat(table.lines()).anySatisfy(l -> assertThat(l).matches(
                "nightly\\s+cronjob\\s+25\\s+1\\s+1\\s+0\\s+0\\s+0\\s+1 of 6\\s+-"));
    }

    @Test
    void aStorySaysWhatTheFailureDidInTheWorkloadsTerms() {
        PodObservation restarted = pod("web-2-7", "web", PodObservation.RUNNING, 2);
        PodObservation failed = pod("nightly-3-1", "nightly", PodObservation.ERROR, 0);
        assertThat(SimulateReport.consequence(restarted, List.of(WEB, NIGHTLY))).isEqualTo(
                "workload web (deployment): the container exited and the kubelet restarted it 2 times (CrashLoopBackOff)");
        assertThat(SimulateReport.consequence(failed, List.of(WEB, NIGHTLY))).startsWith(
                "workload nightly (cronjob): the pod ended Error; the Job counts it against its backoffLimit");
    }

    @Test
    void aSingleChurnTestKeepsItsDocumentAsItWas() {
        var single = List.of(new WorkloadObservation("churn", "churn-test", 200, 29, 29, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 171));
        var run = new dev.sgplab.observe.RunObservations("s", 1, 30, 200, 29, 0, List.<Double>of(), 0, 0, 0, 0, 100, 0,
                List.of()).withWorkloads(single);
        assertThat(SimulateReport.perWorkload(run)).isNull();
        assertThat(SimulateReport.json(run, 1L, java.util.Map.of(), false)).doesNotContain("workloads");
    }

    /** The HTML run page shows the same table and says how many starts failed, not only the Error pods. */
    @Test
    void theRunPageShowsTheWorkloadsAndTheFailedStarts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var run = new dev.sgplab.observe.RunObservations("two", 1, 30, 61, 1, 0, List.<Double>of(), 0, 0, 0, 0, 100, 0,
                List.of()).withWorkloads(List.of(WEB, NIGHTLY));
        HtmlReport.render(SimulateReport.json(run, 1L, java.util.Map.of(), false), "simulate.json", dir,
                java.time.Instant.parse("2026-12-01T15:30:00Z"));
        String html = java.nio.file.Files.readString(dir.resolve("index.html"));
        String decision = html.substring(html.indexOf("<section id=\"decision\">"), html.indexOf("</section>"));
        assertThat(decision).contains("1 of 61 pods ended Error", "3 of 61 pod starts failed their lookups");
        assertThat(html).contains("<h2>Workloads</h2>", "<th>failed starts</th>", "<td>web</td>", "<td>1/4/5 (7.5)</td>",
                "<td>1 of 6</td>");
    }

    private static PodObservation pod(String name, String workload, String phase, int restarts) {
        return new PodObservation(name, "node-0", "198.18.0.9", "02:00:00:00:00:01", "eni-1", 0, 1, 3, Double.NaN, phase,
                0, null, List.of(), workload, true, restarts);
    }
}
