package dev.sgplab.report;

import static j2html.TagCreator.body;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.head;
import static j2html.TagCreator.html;
import static j2html.TagCreator.img;
import static j2html.TagCreator.meta;
import static j2html.TagCreator.p;
import static j2html.TagCreator.pre;
import static j2html.TagCreator.style;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.title;
import static j2html.TagCreator.tr;

import dev.sgplab.scenario.ScenarioException;
import dev.sgplab.sim.sweep.CellResult;
import dev.sgplab.sim.sweep.SweepResult;
import j2html.tags.DomContent;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import tools.jackson.databind.JsonNode;

/**
 * The HTML report of a saved result: index.html with its PNG charts and the result's JSON beside
 * it. Everything is rendered in memory and written at the end, so a failure leaves no half report.
 * The numbers in the page are the JSON's, formatted as the tables format them.
 */
public final class HtmlReport {
    static final String CSS = "body{font-family:sans-serif;margin:2em;max-width:1100px}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
            + "th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}"
            + "pre{background:#f8f8f8;padding:1em;overflow-x:auto;font-size:12px}img{max-width:100%}";

    private HtmlReport() {
    }

    /** Renders any saved result: a sweep, or one run (simulate, lab run, cluster run). */
    public static List<Path> render(String json, String source, Path dir) {
        JsonNode tree = Json.tree(json, source);
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (tree.has("type") && SweepResult.TYPE.equals(tree.get("type").asString())) {
            SweepResult result = SweepReport.read(json, source);
            files.put("index.html", sweepPage(result, files).getBytes(StandardCharsets.UTF_8));
        } else if (tree.has("lab") && tree.has("simulator") && tree.has("agree")) {
            files.put("index.html", comparePage(tree).getBytes(StandardCharsets.UTF_8));
        } else if (tree.has("runId") && tree.has("rounds")) {
            files.put("index.html", clusterPage(tree, files).getBytes(StandardCharsets.UTF_8));
        } else if (tree.has("pods") && tree.has("errorPods") && tree.has("ipReuses")) {
            files.put("index.html", runPage(tree, files).getBytes(StandardCharsets.UTF_8));
        } else {
            throw new ScenarioException(source + ": not a result sgplab can report (a sweep, simulate, lab run, "
                    + "lab compare or cluster result)");
        }
        files.put("result.json", json.getBytes(StandardCharsets.UTF_8));
        return write(dir, files);
    }

    // ---- sweep -----------------------------------------------------------------------------------

    static String sweepPage(SweepResult result, Map<String, byte[]> files) {
        files.put("error-rate.png", Charts.png(errorRateChart(result)));
        files.put("capacity.png", Charts.stackedPng(capacityCharts(result)));
        files.put("reuse-gaps.png", Charts.png(reuseGapChart(result)));
        List<String> columns = SweepReport.columns(result);
        List<DomContent> rows = new ArrayList<>();
        for (CellResult cell : result.cells()) {
            rows.add(tr(each(SweepReport.cells(result, cell), value -> td(value))));
        }
        String title = "sgplab sweep: " + result.scenario();
        return page(title,
                p(String.format(Locale.ROOT, "%d of %d cells, %d replications each, seed %d. Varied: %s.",
                        result.cells().size(), result.cellsInGrid(), result.replications(), result.seed(),
                        String.join(", ", result.vary().stream().map(v -> v.key() + " = " + String.join(", ",
                                v.values())).toList()))),
                h2("Error rate against the cooldown"),
                p("Error pods over all pods, with the 95 % Clopper-Pearson band (dashed)."),
                img().withSrc("error-rate.png").withAlt("Error rate against the cooldown"),
                h2("What the cooldown costs"),
                p("Three panels on the same axis: branch ENIs held in the nodes' delete queues (time average over "
                        + "all nodes), pods per run that waited for a branch ENI, and the wait for a branch ENI averaged "
                        + "over all pods (the extra start latency; a pod that waits is retried after a whole cooldown)."),
                img().withSrc("capacity.png").withAlt("Capacity cost against the cooldown"),
                h2("Reuse gaps against the neighbour entry's lifetime"),
                p("How long after the old owner ended its IP was taken again, against the window in which periodic GC "
                        + "removes the old owner's entry (dashed)."),
                img().withSrc("reuse-gaps.png").withAlt("Reuse gap distribution"),
                h2("All cells"),
                table(thead(tr(each(columns, c -> th(c)))), tbody(rows.toArray(DomContent[]::new))));
    }

    /** The x axis of a sweep's charts: the cooldown if varied, else the first varied key. */
    private static String xKey(SweepResult result) {
        return result.vary().stream().map(v -> v.key()).filter(k -> k.equals("controller.branch-eni-cooldown"))
                .findFirst().orElse(result.vary().isEmpty() ? "controller.branch-eni-cooldown" : result.vary().get(0).key());
    }

    private static double x(CellResult cell, String key) {
        if (key.equals("controller.branch-eni-cooldown")) {
            return cell.cooldownSeconds();
        }
        try {
            return Double.parseDouble(cell.settings().get(key));
        } catch (RuntimeException e) {
            return cell.index();
        }
    }

    /** Cells grouped by every setting but the x axis', in first-seen order. */
    private static Map<String, List<CellResult>> groups(SweepResult result, String xKey) {
        Map<String, List<CellResult>> groups = new LinkedHashMap<>();
        for (CellResult cell : result.cells()) {
            List<String> label = new ArrayList<>();
            cell.settings().forEach((k, v) -> {
                if (!k.equals(xKey)) {
                    label.add(k.substring(k.lastIndexOf('.') + 1) + "=" + v);
                }
            });
            groups.computeIfAbsent(String.join(", ", label), g -> new ArrayList<>())
                    .add(cell);
        }
        return groups;
    }

    static XYChart errorRateChart(SweepResult result) {
        String key = xKey(result);
        XYChart chart = Charts.chart("Error rate", axisTitle(key), "Error pods / pods");
        for (Map.Entry<String, List<CellResult>> group : groups(result, key).entrySet()) {
            List<CellResult> cells = group.getValue();
            double[] xs = cells.stream().mapToDouble(c -> x(c, key)).toArray();
            String name = group.getKey().isEmpty() ? "Error rate" : group.getKey();
            Charts.line(chart, name, xs, cells.stream().mapToDouble(c -> c.errorRate().estimate()).toArray());
            Color color = Color.GRAY;
            Charts.dashed(chart, name + " 95% low", xs,
                    cells.stream().mapToDouble(c -> c.errorRate().low()).toArray(), color);
            Charts.dashed(chart, name + " 95% high", xs,
                    cells.stream().mapToDouble(c -> c.errorRate().high()).toArray(), color);
        }
        return chart;
    }

    /** The cooldown's three costs, one panel each: they share the x axis, not the unit. */
    static List<XYChart> capacityCharts(SweepResult result) {
        return List.of(
                capacityPanel(result, "Branch ENIs held in delete queues (time average, all nodes)", "ENIs",
                        CellResult::meanDeleteQueue),
                capacityPanel(result, "Pods that waited for a branch ENI", "pods per run",
                        CellResult::podsWaitedForBranch),
                capacityPanel(result, "Extra start latency: wait for a branch ENI, mean over all pods", "seconds",
                        CellResult::meanBranchWaitSeconds));
    }

    private static XYChart capacityPanel(SweepResult result, String title, String unit,
            ToDoubleFunction<CellResult> figure) {
        String key = xKey(result);
        XYChart chart = Charts.chart(title, axisTitle(key), unit, Charts.PANEL_HEIGHT);
        for (Map.Entry<String, List<CellResult>> group : groups(result, key).entrySet()) {
            List<CellResult> cells = group.getValue();
            Charts.line(chart, group.getKey().isEmpty() ? unit : group.getKey(),
                    cells.stream().mapToDouble(c -> x(c, key)).toArray(), cells.stream().mapToDouble(figure).toArray());
        }
        return chart;
    }

    static XYChart reuseGapChart(SweepResult result) {
        XYChart chart = gapChart("reuses per run");
        List<CellResult> cells = result.cells();
        int shown = Math.min(4, cells.size());
        double top = 0;
        for (int i = 0; i < shown; i++) {
            CellResult cell = cells.get(i * (cells.size() - 1) / Math.max(1, shown - 1));
            double[] perRun = cell.reuseGapHistogram().stream()
                    .mapToDouble(count -> count / (double) result.replications()).toArray();
            List<String> label = new ArrayList<>();
            cell.settings().forEach((k, v) -> label.add(k.substring(k.lastIndexOf('.') + 1) + "=" + v));
            top = Math.max(top, gapLine(chart, label.isEmpty() ? "all runs" : String.join(", ", label), perRun));
        }
        if (!cells.isEmpty()) {
            markEntryLifetime(chart, cells.get(0).entryLifetimeSeconds(), top);
        }
        return chart;
    }

    private static XYChart gapChart(String yTitle) {
        return Charts.chart("Reuse gaps", "seconds from the old owner's end to the new owner's ENI", yTitle);
    }

    /**
     * One histogram of 5 s bins; the last bin is open-ended (that many seconds and more), so it is
     * named in the legend rather than drawn as if it were 5 s wide. Returns the highest bin drawn.
     */
    private static double gapLine(XYChart chart, String name, double[] bins) {
        int drawn = bins.length - 1;
        double[] x = new double[drawn];
        for (int b = 0; b < drawn; b++) {
            x[b] = b * CellResult.GAP_BIN_SECONDS + CellResult.GAP_BIN_SECONDS / 2.0;
        }
        double[] y = java.util.Arrays.copyOf(bins, drawn);
        String open = String.format(Locale.ROOT, " (%s at %d s or more)", SimulateReport.fmt(bins[drawn]),
                drawn * CellResult.GAP_BIN_SECONDS);
        Charts.line(chart, name + open, x, y);
        return java.util.Arrays.stream(y).max().orElse(0);
    }

    private static void markEntryLifetime(XYChart chart, CellResult.Window window, double top) {
        Charts.vertical(chart, "GC removes the entry from " + SimulateReport.fmt(window.from()) + " s", window.from(),
                top, Color.RED);
        Charts.vertical(chart, "... by " + SimulateReport.fmt(window.to()) + " s", window.to(), top, Color.RED);
    }

    private static String axisTitle(String key) {
        return key.equals("controller.branch-eni-cooldown") ? "branch-eni-cooldown (s)" : key;
    }

    // ---- one run ---------------------------------------------------------------------------------

    static String runPage(JsonNode run, Map<String, byte[]> files) {
        List<DomContent> content = new ArrayList<>();
        boolean lab = run.has("lab") && !run.get("lab").isNull();
        content.add(p(lab ? "A kernel lab run (" + run.get("lab").get("runPrefix").asString() + ", kernel "
                + run.get("lab").get("kernel").asString() + ", time scale " + run.get("lab").get("timeScale").asString()
                + ")." : "One run."));
        content.addAll(runSection(run, "reuse-gaps.png", files));
        if (lab) {
            content.addAll(labFacts(run.get("lab")));
        }
        return page("sgplab run: " + run.path("scenario").asString(), content.toArray(DomContent[]::new));
    }

    /** What a lab run states besides its observations: the kernel's settings in force and its timing. */
    private static List<DomContent> labFacts(JsonNode lab) {
        List<DomContent> rows = new ArrayList<>();
        rows.add(tr(td("kernel"), td(lab.path("kernel").asString())));
        rows.add(tr(td("time scale (real s per model s)"), td(lab.path("timeScale").asString())));
        lab.path("hostNeighDefaults").properties().forEach(e -> rows.add(tr(
                td("/proc/sys/net/ipv4/neigh/default/" + e.getKey()), td(e.getValue().asString()))));
        lab.path("dnsNodeNeighSettings").properties().forEach(e -> rows.add(tr(
                td("DNS nodes' links: " + e.getKey()), td(e.getValue().asString()))));
        rows.add(tr(td("DNS server"), td(lab.path("dnsServer").asString())));
        rows.add(tr(td("resolver"), td(lab.path("resolver").asString())));
        lab.path("guard").properties().forEach(e -> rows.add(tr(td("guard: " + e.getKey()), td(e.getValue().asString()))));
        JsonNode lateness = lab.path("lateness");
        if (lateness.isObject()) {
            lateness.properties().forEach(e -> rows.add(tr(td("lateness: " + e.getKey()), td(e.getValue().asString()))));
        }
        List<DomContent> content = new ArrayList<>();
        content.add(h2("Kernel lab: settings in force and timing"));
        content.add(table(tbody(rows.toArray(DomContent[]::new))));
        lab.path("notes").forEach(note -> content.add(p("Note: " + note.asString())));
        return content;
    }

    /** lab compare: the kernel's counts against the simulator's range, each check, and the guard's run. */
    static String comparePage(JsonNode compare) {
        List<DomContent> content = new ArrayList<>(compareSection(compare));
        if (compare.hasNonNull("withGuard")) {
            content.add(h2("With sgplab guard on the DNS nodes"));
            content.addAll(compareSection(compare.get("withGuard")));
        }
        return page("sgplab lab compare: " + compare.path("scenario").asString(), content.toArray(DomContent[]::new));
    }

    private static List<DomContent> compareSection(JsonNode compare) {
        JsonNode lab = compare.get("lab");
        JsonNode sim = compare.get("simulator");
        JsonNode range = sim.get("errorPods");
        List<DomContent> rows = new ArrayList<>();
        rows.add(tr(th("lab run"), th("seed"), th("Error pods (kernel)"), th("IP reuses"),
                th("Error pods (simulator, same seed)"), th("simulator's one-run range")));
        for (int i = 0; i < lab.get("runs").size(); i++) {
            rows.add(tr(td(String.valueOf(i + 1)), td(lab.get("seeds").get(i).asString()),
                    td(lab.get("runs").get(i).asString()), td(lab.get("ipReuses").get(i).asString()),
                    td(sim.get("pairedErrorPods").get(i).asString()),
                    td(range.get("low").asString() + " .. " + range.get("high").asString())));
        }
        List<DomContent> content = new ArrayList<>();
        content.add(p(String.format(Locale.ROOT, "Time scale %s. Simulator: mean %s Error pods over %s replications "
                + "(standard deviation %s).", compare.path("timeScale").asString(), range.get("mean").asString(),
                sim.get("replications").asString(), sim.get("standardDeviation").asString())));
        content.add(table(tbody(rows.toArray(DomContent[]::new))));
        compare.path("checks").forEach(check -> content.add(p(check.asString())));
        content.add(p(compare.get("agree").asBoolean() ? "agree: yes" : "agree: NO"));
        return content;
    }

    /** A cluster run: the report's table as measured, then each cooldown as one run. */
    static String clusterPage(JsonNode cluster, Map<String, byte[]> files) {
        List<DomContent> content = new ArrayList<>();
        content.add(p("A cluster run (" + cluster.get("runId").asString() + ", namespace "
                + cluster.get("namespace").asString() + ", " + cluster.get("nodes").size() + " SGPP nodes)."));
        List<DomContent> rows = new ArrayList<>();
        rows.add(tr(td("cooldown (s)"), td("pods"), td("Error pods"), td("reported"), td("IP reuses"),
                td("Error pods that reused an IP")));
        for (JsonNode round : cluster.get("rounds")) {
            JsonNode run = round.get("run");
            rows.add(tr(td(round.get("cooldownSeconds").asString()), td(run.get("pods").asString()),
                    td(run.get("errorPods").asString()),
                    td(round.path("reportedErrorPods").isNumber() ? round.get("reportedErrorPods").asString() : "-"),
                    td(run.get("ipReuses").asString()), td(round.get("errorPodsThatReusedAnIp").asString())));
        }
        content.add(table(tbody(rows.toArray(DomContent[]::new))));
        for (JsonNode round : cluster.get("rounds")) {
            String cooldown = round.get("cooldownSeconds").asString();
            content.add(h2("Cooldown " + cooldown + " s"));
            round.path("notes").forEach(note -> content.add(p("Note: " + note.asString())));
            content.addAll(runSection(round.get("run"), "reuse-gaps-" + cooldown + ".png", files));
        }
        List<DomContent> cleanup = new ArrayList<>();
        cluster.path("cleanup").forEach(line -> cleanup.add(p(line.asString())));
        content.add(h2("Cluster left as found"));
        content.addAll(cleanup);
        return page("sgplab cluster run " + cluster.get("runId").asString(), content.toArray(DomContent[]::new));
    }

    private static List<DomContent> runSection(JsonNode run, String gapChart, Map<String, byte[]> files) {
        List<DomContent> rows = new ArrayList<>();
        for (String key : List.of("scenario", "seed", "cooldownSeconds", "pods", "errorPods", "ipReuses",
                "podsWaitedForBranch", "maxDeleteQueue", "meanDeleteQueue", "meanBranchWaitSeconds", "durationSeconds")) {
            if (run.has(key) && !run.get(key).isNull()) {
                rows.add(tr(td(key), td(run.get(key).asString())));
            }
        }
        List<DomContent> content = new ArrayList<>();
        content.add(table(tbody(rows.toArray(DomContent[]::new))));
        if (run.has("assumptions")) {
            List<DomContent> assumed = new ArrayList<>();
            run.get("assumptions").properties().forEach(e -> assumed.add(tr(td(e.getKey()), td(e.getValue().asString()))));
            content.add(h2("Assumed"));
            content.add(table(tbody(assumed.toArray(DomContent[]::new))));
        }
        List<Double> gaps = new ArrayList<>();
        run.path("reuseGapsSeconds").forEach(g -> gaps.add(g.asDouble()));
        if (!gaps.isEmpty()) {
            files.put(gapChart, Charts.png(runGapChart(gaps, window(run))));
            content.add(h2("Reuse gaps against the neighbour entry's lifetime"));
            content.add(img().withSrc(gapChart).withAlt("Reuse gaps"));
        }
        JsonNode stories = run.path("errorStories");
        content.add(h2("Error pods"));
        if (stories.isMissingNode() || stories.isNull()) {
            content.add(p("Stories were not recorded (run with --trace)."));
        } else if (stories.isEmpty()) {
            content.add(p("No Error pods."));
        } else {
            stories.forEach(story -> content.add(pre(story.get("text").asString())));
        }
        return content;
    }

    private static CellResult.Window window(JsonNode run) {
        JsonNode assumptions = run.path("assumptions");
        double stale = assumptions.path("kernel.gc_stale_time").asDouble(60);
        double base = assumptions.path("kernel.base_reachable_time_ms").asDouble(30000);
        return new CellResult.Window(stale, stale + base / 2000.0);
    }

    static XYChart runGapChart(List<Double> gaps, CellResult.Window window) {
        XYChart chart = gapChart("reuses");
        double[] bins = new double[CellResult.GAP_BINS];
        for (double gap : gaps) {
            bins[(int) Math.min(CellResult.GAP_BINS - 1, Math.max(0, gap / CellResult.GAP_BIN_SECONDS))]++;
        }
        markEntryLifetime(chart, window, gapLine(chart, "reuses", bins));
        return chart;
    }

    // ---- page and files --------------------------------------------------------------------------

    private static String page(String title, DomContent... content) {
        List<DomContent> all = new ArrayList<>();
        all.add(h1(title));
        all.addAll(List.of(content));
        return "<!DOCTYPE html>\n" + html(head(meta().withCharset("utf-8"), title(title), style(CSS)),
                body(all.toArray(DomContent[]::new))).render() + "\n";
    }

    /** Writes every file to a temporary name first, then moves them into place. */
    private static List<Path> write(Path dir, Map<String, byte[]> files) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            Map<Path, Path> pending = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path temp = Files.createTempFile(dir, ".sgplab-", ".tmp");
                Files.write(temp, file.getValue());
                pending.put(temp, dir.resolve(file.getKey()));
            }
            for (Map.Entry<Path, Path> move : pending.entrySet()) {
                try {
                    Files.setPosixFilePermissions(move.getKey(),
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                } catch (UnsupportedOperationException notPosix) {
                    // keep the default permissions
                }
                Files.move(move.getKey(), move.getValue(), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                written.add(move.getValue());
            }
        } catch (IOException e) {
            throw new ScenarioException(dir + ": cannot write the report (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
        return written;
    }
}
