package dev.sgplab.report;

import static j2html.TagCreator.each;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.img;
import static j2html.TagCreator.p;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.title;
import static j2html.TagCreator.tr;

import dev.sgplab.sim.sweep.CellResult;
import dev.sgplab.sim.sweep.SweepResult;
import j2html.tags.DomContent;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;

/** The sweep's page: Error rate and capacity cost against the cooldown (or the first varied key), reuse gaps, every cell. */
final class SweepPage {
    private SweepPage() {
    }

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
        return HtmlReport.page(title,
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
    static String xKey(SweepResult result) {
        return result.vary().stream().map(v -> v.key()).filter(k -> k.equals("controller.branch-eni-cooldown"))
                .findFirst().orElse(result.vary().isEmpty() ? "controller.branch-eni-cooldown" : result.vary().get(0).key());
    }

    static double x(CellResult cell, String key) {
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
    static Map<String, List<CellResult>> groups(SweepResult result, String xKey) {
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
        XYChart chart = GapCharts.gapChart("reuses per run");
        List<CellResult> cells = result.cells();
        int shown = Math.min(4, cells.size());
        double top = 0;
        for (int i = 0; i < shown; i++) {
            CellResult cell = cells.get(i * (cells.size() - 1) / Math.max(1, shown - 1));
            double[] perRun = cell.reuseGapHistogram().stream()
                    .mapToDouble(count -> count / (double) result.replications()).toArray();
            List<String> label = new ArrayList<>();
            cell.settings().forEach((k, v) -> label.add(k.substring(k.lastIndexOf('.') + 1) + "=" + v));
            top = Math.max(top, GapCharts.gapLine(chart, label.isEmpty() ? "all runs" : String.join(", ", label), perRun));
        }
        if (!cells.isEmpty()) {
            GapCharts.markEntryLifetime(chart, cells.get(0).entryLifetimeSeconds(), top);
        }
        return chart;
    }

    static String axisTitle(String key) {
        return key.equals("controller.branch-eni-cooldown") ? "branch-eni-cooldown (s)" : key;
    }
}
