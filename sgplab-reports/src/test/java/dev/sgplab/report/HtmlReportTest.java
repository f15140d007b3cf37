package dev.sgplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The structure of every report kind: the decision first, its provenance, a chart per kind, readable numbers. */
class HtmlReportTest {
    private static final Map<String, String> KINDS = ReportFixtures.pages();
    private static final Instant AT = Instant.parse("2026-12-01T15:30:00Z");

    private static String render(String kind, Path dir) throws Exception {
        HtmlReport.render(KINDS.get(kind), kind + ".json", dir.resolve(kind), AT);
        return Files.readString(dir.resolve(kind).resolve("index.html"));
    }

    @Test
    void everyKindOpensWithItsDecisionAndSaysWhereItComesFrom(@TempDir Path dir) throws Exception {
        for (String kind : KINDS.keySet()) {
            String html = render(kind, dir);
            int h1 = html.indexOf("</h1>");
            assertThat(html.substring(h1 + 5)).as(kind).startsWith("<section id=\"decision\"><h2>Decision</h2>");
            String decision = html.substring(h1, html.indexOf("</section>", h1));
            assertThat(decision).as(kind).contains("<a href=\"result.json\">result.json</a>", "rendered 2026-12-01 15:30 UTC",
                    "sgplab " + Decision.version());
            assertThat(Decision.version()).doesNotContain("${");
            assertThat(Files.readString(dir.resolve(kind).resolve("result.json"))).isEqualTo(KINDS.get(kind));
        }
    }

    @Test
    void everyImageThePageNamesIsAPngBesideIt(@TempDir Path dir) throws Exception {
        Map<String, List<String>> charts = Map.of("sweep", List.of("error-rate.png", "capacity.png", "reuse-gaps.png"),
                "simulate", List.of("reuse-gaps.png"), "lab-run", List.of("reuse-gaps.png"),
                "cluster", List.of("reuse-gaps-30.png", "reuse-gaps-60.png"));
        for (String kind : KINDS.keySet()) {
            String html = render(kind, dir);
            Matcher img = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
            List<String> named = img.results().map(m -> m.group(1)).toList();
            assertThat(named).as(kind).containsExactlyInAnyOrderElementsOf(charts.getOrDefault(kind, List.of()));
            for (String png : named) {
                assertThat(Files.readAllBytes(dir.resolve(kind).resolve(png))).as(png)
                        .startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            }
        }
    }

    /**
     * The report's test at 30, 40 .. 80 s, 40 runs each. For 1 in 10,000 (the default) 40 runs of 200
     * pods cannot show it (0 errors in 8,000 pods: at most 1 in 2,700), and the page says so. For 1 in
     * 100 the decision is the shortest cooldown whose one-sided bound is below it, and 10 s less is not.
     */
    @Test
    void theSweepsDecisionIsTheShortestCooldownMeetingTheTarget(@TempDir Path dir) throws Exception {
        String html = render("sweep", dir);
        assertThat(html).contains("No swept cooldown meets the target", "at most 1 in 2,700 pods");
        var result = SweepReport.read(KINDS.get("sweep"), "sweep", "the test");
        var decision = Decision.of(result, 0.01);
        Integer chosen = decision.choices().get(0).cooldown();
        assertThat(chosen).isBetween(60, 80);
        for (var cell : result.cells()) {
            boolean meets = Decision.upper95(cell, result.replications()) < 0.01;
            assertThat(meets).as("%s s", cell.cooldownSeconds()).isEqualTo(cell.cooldownSeconds() >= chosen);
        }
        String page = Decision.sweep(result, decision, AT).render();
        assertThat(page).contains("<strong>Set branch-eni-cooldown to " + chosen + " s.</strong>",
                "kubectl -n kube-system patch configmap amazon-vpc-cni", "sgplab cluster cooldown set " + chosen,
                "3 nodes × 18 branch ENIs");
    }

    @Test
    void pagesUseWordsAndReadableNumbers(@TempDir Path dir) throws Exception {
        String sweep = render("sweep", dir);
        assertThat(sweep).doesNotContainPattern("\\d\\.\\d+e-\\d").contains("1 in 10,000 pods", "<td>15 %</td>");
        String run = render("simulate", dir);
        assertThat(run).contains("<td>Error pods</td>", "<td>IP reuses</td>", "How to read a story",
                "Summary of causes").doesNotContain("<td>errorPods</td>", "<td>meanBranchWaitSeconds</td>");
        assertThat(new String(Files.readAllBytes(dir.resolve("simulate/index.html")), StandardCharsets.UTF_8))
                .contains("td,th{", "white-space:nowrap", "white-space:pre-wrap");
    }

    @Test
    void gapSharesCountBinsTheWindowCutsInProportion() {
        double[] bins = new double[dev.sgplab.sim.sweep.CellResult.GAP_BINS];
        bins[11] = 2; // 55..60 s: before a window from 60 s
        bins[12] = 4; // 60..65 s: inside 60 .. 75
        bins[15] = 2; // 75..80 s: after
        double[] share = GapCharts.shares(bins, new dev.sgplab.sim.sweep.CellResult.Window(60, 75));
        assertThat(share).containsExactly(0.25, 0.5);
        // a window from 62.5 s cuts the 60..65 bin in half: 2 + 2 before, 2 inside
        share = GapCharts.shares(bins, new dev.sgplab.sim.sweep.CellResult.Window(62.5, 75));
        assertThat(share).containsExactly(0.5, 0.25);
    }
}
