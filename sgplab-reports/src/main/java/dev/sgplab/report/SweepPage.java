package dev.sgplab.report;

import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.img;
import static j2html.TagCreator.p;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;

import dev.sgplab.sim.sweep.CellResult;
import dev.sgplab.sim.sweep.SweepResult;
import j2html.tags.DomContent;
import java.awt.Color;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;

/** The sweep's page: the decision, Error rate and capacity cost against the cooldown (or the first varied key), reuse gaps, every cell. */
final class SweepPage {
    static final String COOLDOWN = "controller.branch-eni-cooldown";
    private SweepPage() {
    }

    static String sweepPage(SweepResult result, Map<String, byte[]> files, Instant renderedAt) {
        Decision.Sweep decision = Decision.of(result, Decision.TARGET);
        files.put("error-rate.png", Charts.png(ErrorRateChart.chart(result, decision)));
        files.put("capacity.png", Charts.stackedPng(capacityCharts(result)));
        List<CellResult> gapCells = gapCells(result);
        files.put("reuse-gaps.png", Charts.png(reuseGapChart(result, gapCells)));
        List<String> columns = SweepReport.columns(result);
        List<DomContent> rows = new ArrayList<>();
        for (CellResult cell : result.cells()) {
            rows.add(tr(each(SweepReport.cells(result, cell), value -> td(value))));
        }
        String title = "sgplab sweep: " + result.scenario();
        return HtmlReport.page(title, Decision.sweep(result, decision, renderedAt),
                p(String.format(Locale.ROOT, "%d of %d cells, %d replications each, seed %d. Varied: %s.",
                        result.cells().size(), result.cellsInGrid(), result.replications(), result.seed(),
                        String.join(", ", result.vary().stream().map(v -> v.key() + " = " + String.join(", ",
                                v.values())).toList()))),
                h2("Error rate against the cooldown"),
                p("Error pods over all pods of all runs, on a log scale so that the rates near the target are readable; "
                        + "the shaded band is the 95 % Clopper-Pearson interval, the red dashed line the target, the black "
                        + "line the recommendation; red crosses are the original report's counts where they apply."),
                img().withSrc("error-rate.png").withAlt("Error rate against the cooldown"),
                h2("What the cooldown costs"),
                p("Three panels on the same x axis, each y axis from zero: branch ENIs held in the nodes' delete queues "
                        + "(time average, summed over all nodes, against the nodes' branch ENI limit), pods per run that "
                        + "waited for a branch ENI, and the wait for a branch ENI per pod averaged over all pods (the "
                        + "extra start latency; a pod that waits is retried after a whole cooldown)."),
                img().withSrc("capacity.png").withAlt("Capacity cost against the cooldown"),
                h2("Reuse gaps against the neighbour entry's lifetime"),
                p(gapText(result, gapCells)),
                img().withSrc("reuse-gaps.png").withAlt("Reuse gap distribution"),
                h2("All cells"),
                p("Per cell: Error pods per run (mean, and the range one run falls in), the Error rate over all pods with "
                        + "its 95 % band, IP reuses per run, pods per run that waited for a branch ENI, branch ENIs in "
                        + "delete queues (all nodes), and the wait per pod."),
                div(table(thead(tr(each(columns, c -> th(c)))), tbody(rows.toArray(DomContent[]::new))))
                        .withClass("wide"));
    }

    /** The x axis of a sweep's charts: the cooldown if varied, else the first varied key. */
    static String xKey(SweepResult result) {
        return result.vary().stream().map(v -> v.key()).filter(k -> k.equals(COOLDOWN))
                .findFirst().orElse(result.vary().isEmpty() ? COOLDOWN : result.vary().get(0).key());
    }

    static double x(CellResult cell, String key) {
        if (key.equals(COOLDOWN)) {
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
            groups.computeIfAbsent(label(cell, xKey), g -> new ArrayList<>()).add(cell);
        }
        return groups;
    }

    /** A cell's settings but one, as short key=value pairs ("cooldown 30 s" for the cooldown). */
    static String label(CellResult cell, String except) {
        List<String> label = new ArrayList<>();
        cell.settings().forEach((k, v) -> {
            if (k.equals(COOLDOWN) && !k.equals(except)) {
                label.add("cooldown " + v + " s");
            } else if (!k.equals(except)) {
                label.add(k.substring(k.lastIndexOf('.') + 1) + "=" + v);
            }
        });
        return String.join(", ", label);
    }

    /** The cooldown's three costs, one panel each: they share the x axis, not the unit. */
    static List<XYChart> capacityCharts(SweepResult result) {
        XYChart queues = capacityPanel(result, "Branch ENIs held in delete queues (time average, all nodes)",
                "ENIs (all nodes)", CellResult::meanDeleteQueue);
        CellResult first = result.cells().get(0);
        if (first.nodes() > 0 && first.branchEniLimitPerNode() > 0) {
            int limit = first.nodes() * first.branchEniLimitPerNode();
            double[] xs = xRange(result);
            Charts.dashed(queues, "limit", xs, new double[] {limit, limit}, Color.RED);
            queues.getStyler().setYAxisMax(limit * 1.12);
            AnnotationText label = new AnnotationText(String.format(Locale.ROOT, "branch ENI limit: %d nodes × %d",
                    first.nodes(), first.branchEniLimitPerNode()), (xs[0] + xs[1]) / 2, limit * 1.06, false);
            queues.addAnnotation(label);
        }
        return List.of(queues,
                capacityPanel(result, "Pods that waited for a branch ENI", "pods per run",
                        CellResult::podsWaitedForBranch),
                capacityPanel(result, "Extra start latency: wait for a branch ENI, mean over all pods", "seconds per pod",
                        CellResult::meanBranchWaitSeconds));
    }

    private static double[] xRange(SweepResult result) {
        String key = xKey(result);
        double min = result.cells().stream().mapToDouble(c -> x(c, key)).min().orElse(0);
        double max = result.cells().stream().mapToDouble(c -> x(c, key)).max().orElse(1);
        return new double[] {min, max == min ? min + 1 : max};
    }

    private static XYChart capacityPanel(SweepResult result, String title, String unit,
            ToDoubleFunction<CellResult> figure) {
        String key = xKey(result);
        XYChart chart = Charts.chart(title, axisTitle(key), unit, Charts.PANEL_HEIGHT);
        double[] range = xRange(result);
        chart.getStyler().setXAxisMin(range[0]).setXAxisMax(range[1]).setYAxisMin(0.0).setXAxisDecimalPattern("#,##0.#")
                .setYAxisDecimalPattern("#,##0.#");
        Map<String, List<CellResult>> groups = groups(result, key);
        chart.getStyler().setLegendVisible(groups.size() > 1)
                .setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        double top = 0;
        int g = 0;
        for (Map.Entry<String, List<CellResult>> group : groups.entrySet()) {
            List<CellResult> cells = group.getValue();
            double[] ys = cells.stream().mapToDouble(figure).toArray();
            var series = Charts.line(chart, group.getKey().isEmpty() ? unit : group.getKey(),
                    cells.stream().mapToDouble(c -> x(c, key)).toArray(), ys);
            series.setLineColor(Charts.color(g));
            series.setMarkerColor(Charts.color(g++));
            for (double y : ys) {
                top = Math.max(top, y);
            }
        }
        if (top == 0) {
            chart.getStyler().setYAxisMax(1.0); // all zero: an axis from 0 to 1 rather than a degenerate one
        }
        return chart;
    }

    /** Which cells the gap chart shows: all of them up to six, else six spread over the grid. */
    static List<CellResult> gapCells(SweepResult result) {
        List<CellResult> cells = result.cells();
        if (cells.size() <= GapCharts.MAX_SERIES) {
            return cells;
        }
        List<CellResult> shown = new ArrayList<>();
        for (int i = 0; i < GapCharts.MAX_SERIES; i++) {
            shown.add(cells.get(i * (cells.size() - 1) / (GapCharts.MAX_SERIES - 1)));
        }
        return shown;
    }

    static XYChart reuseGapChart(SweepResult result, List<CellResult> shown) {
        XYChart chart = GapCharts.gapChart("reuses per run, per " + CellResult.GAP_BIN_SECONDS + " s bin");
        double top = 0;
        int g = 0;
        for (CellResult cell : shown) {
            double[] perRun = cell.reuseGapHistogram().stream()
                    .mapToDouble(count -> count / (double) result.replications()).toArray();
            String label = label(cell, "");
            top = Math.max(top, GapCharts.gapLine(chart, label.isEmpty() ? "all runs" : label, perRun, Charts.color(g++)));
        }
        if (!shown.isEmpty()) {
            GapCharts.markEntryLifetime(chart, shown.get(0).entryLifetimeSeconds(), top);
        }
        return chart;
    }

    /** What the gap chart shows, and the share of reuses before and inside the GC window for each cell shown. */
    private static String gapText(SweepResult result, List<CellResult> shown) {
        StringBuilder text = new StringBuilder("How long after the old owner ended its IP was taken again, in "
                + CellResult.GAP_BIN_SECONDS + " s bins, per run, against the window in which periodic GC removes "
                + "the old owner's entry (red: dashed from, dotted by). ");
        text.append(shown.size() == result.cells().size() ? "Every cell is drawn. "
                : "Drawn: " + shown.size() + " of " + result.cells().size() + " cells, spread over the grid ("
                        + String.join("; ", shown.stream().map(c -> label(c, "")).toList()) + "). ");
        CellResult.Window window = shown.isEmpty() ? null : shown.get(0).entryLifetimeSeconds();
        if (window != null) {
            text.append(String.format(Locale.ROOT, "Share of reuses before %s (the entry surely still there) and "
                    + "inside %s .. %s: ", Numbers.seconds(window.from()), Numbers.mean(window.from()),
                    Numbers.seconds(window.to())));
            List<String> shares = new ArrayList<>();
            for (CellResult cell : shown) {
                double[] share = GapCharts.shares(cell.reuseGapHistogram().stream().mapToDouble(Integer::doubleValue)
                        .toArray(), cell.entryLifetimeSeconds());
                String label = label(cell, "");
                shares.add((label.isEmpty() ? "" : label + ": ") + percent(share[0]) + " and " + percent(share[1]));
            }
            text.append(String.join("; ", shares)).append('.');
        }
        return text.toString();
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "no reuses" : share == 0 ? "0 %" : Numbers.twoDigits(100 * share) + " %";
    }

    static String axisTitle(String key) {
        return key.equals(COOLDOWN) ? "branch-eni-cooldown (s)" : key;
    }
}
