package dev.sgplab.report;

import dev.sgplab.sim.OriginalReport;
import dev.sgplab.sim.sweep.CellResult;
import dev.sgplab.sim.sweep.SweepResult;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The Error rate against the cooldown on a log scale, so that the rates near the target (where the
 * decision is made) are as readable as the 15 % at 30 s: the 95 % band shaded, the target as a
 * line, the recommendation marked, and the original report's 29/2/0 of 200 where they apply. A log
 * axis has no zero: rates of 0 are drawn on the bottom edge, with hollow markers, and the legend
 * says so.
 */
final class ErrorRateChart {
    private ErrorRateChart() {
    }

    static XYChart chart(SweepResult result, Decision.Sweep decision) {
        String key = SweepPage.xKey(result);
        XYChart chart = Charts.chart("Error rate (log scale)", SweepPage.axisTitle(key), "Error pods per pod");
        Map<String, List<CellResult>> groups = SweepPage.groups(result, key);
        double floor = floor(result, decision.target());
        double top = top(result);
        chart.getStyler().setYAxisLogarithmic(true).setYAxisLogarithmicDecadeOnly(true).setYAxisMin(floor)
                .setYAxisMax(top).setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal);
        // one tick format for every decade; XChart's tick callback does not support log axes
        chart.getStyler().setYAxisDecimalPattern("0.######%");
        chart.getStyler().setXAxisDecimalPattern("#,##0.#");
        double xMin = Double.MAX_VALUE;
        double xMax = -Double.MAX_VALUE;
        int g = 0;
        boolean zeros = false;
        for (Map.Entry<String, List<CellResult>> group : groups.entrySet()) {
            List<CellResult> cells = group.getValue();
            double[] xs = cells.stream().mapToDouble(c -> SweepPage.x(c, key)).toArray();
            for (double x : xs) {
                xMin = Math.min(xMin, x);
                xMax = Math.max(xMax, x);
            }
            String name = group.getKey().isEmpty() ? "Error rate" : group.getKey();
            Color color = Charts.color(g++);
            Charts.band(chart, (groups.size() > 1 ? name + ": " : "") + "95 % band", xs, atLeast(cells, c -> c.errorRate().low(), floor),
                    atLeast(cells, c -> c.errorRate().high(), floor), color);
            double[] estimate = atLeast(cells, c -> c.errorRate().estimate(), floor);
            XYSeries line = Charts.line(chart, name, xs, estimate);
            line.setLineColor(color);
            line.setMarkerColor(color);
            zeros |= cells.stream().anyMatch(c -> c.errorRate().estimate() == 0);
        }
        if (zeros) {
            chart.setTitle("Error rate (log scale; rates of 0 drawn on the bottom edge)");
        }
        XYSeries target = Charts.dashed(chart, "target: " + Numbers.rateOfPods(decision.target()),
                new double[] {xMin, xMax}, new double[] {decision.target(), decision.target()}, Color.RED);
        target.setLineWidth(1.5f);
        List<Decision.Choice> chosen = decision.choices().stream().filter(c -> c.cooldown() != null).toList();
        // a vertical line, not a marker: the recommendation's point often sits under the rate's own marker
        for (int i = 0; i < chosen.size(); i++) {
            double x = chosen.get(i).cooldown();
            XYSeries mark = Charts.dashed(chart, i == 0 ? "recommended: " + chosen.stream().map(c -> c.cooldown() + " s")
                    .distinct().collect(java.util.stream.Collectors.joining(", ")) : "recommended " + (i + 1),
                    new double[] {x, x}, new double[] {floor, top}, Color.BLACK);
            mark.setLineWidth(2f);
            mark.setShowInLegend(i == 0);
        }
        if (key.equals(SweepPage.COOLDOWN) && result.cells().get(0).pods() == OriginalReport.PODS) {
            List<OriginalReport.Row> rows = OriginalReport.ROWS;
            Charts.points(chart, "the report: 29, 2, 0 of 200",
                    rows.stream().mapToDouble(OriginalReport.Row::cooldownSeconds).toArray(),
                    rows.stream().mapToDouble(r -> Math.max(floor, r.errorPods() / (double) OriginalReport.PODS)).toArray(),
                    new Color(200, 0, 0), SeriesMarkers.CROSS);
        }
        return chart;
    }

    /** The decade below the smallest positive value drawn (the target included). */
    static double floor(SweepResult result, double target) {
        double smallest = target;
        for (CellResult c : result.cells()) {
            for (double v : new double[] {c.errorRate().estimate(), c.errorRate().low(), c.errorRate().high()}) {
                if (v > 0) {
                    smallest = Math.min(smallest, v);
                }
            }
        }
        return Math.pow(10, Math.floor(Math.log10(smallest)) - (isDecade(smallest) ? 1 : 0));
    }

    private static double top(SweepResult result) {
        double largest = result.cells().stream().mapToDouble(c -> c.errorRate().high()).max().orElse(1);
        largest = Math.max(largest, 0.145);
        return Math.min(1, Math.pow(10, Math.ceil(Math.log10(largest))));
    }

    private static boolean isDecade(double v) {
        double log = Math.log10(v);
        return Math.abs(log - Math.rint(log)) < 1e-9;
    }

    private static double[] atLeast(List<CellResult> cells, java.util.function.ToDoubleFunction<CellResult> f,
            double floor) {
        double[] out = new double[cells.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(floor, f.applyAsDouble(cells.get(i)));
        }
        return out;
    }
}
