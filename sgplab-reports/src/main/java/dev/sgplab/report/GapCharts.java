package dev.sgplab.report;

import dev.sgplab.sim.sweep.CellResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import java.util.Map;

/** Reuse-gap histograms against the window in which periodic GC removes the old owner's entry. */
final class GapCharts {
    /** More lines than this in one histogram cannot be told apart. */
    static final int MAX_SERIES = 6;

    private GapCharts() {
    }

    static XYChart gapChart(String yTitle) {
        XYChart chart = Charts.chart("Reuse gaps (" + CellResult.GAP_BIN_SECONDS + " s bins)",
                "seconds from the old owner's end to the new owner's ENI", yTitle, 600);
        chart.getStyler().setYAxisMin(0.0).setXAxisDecimalPattern("#,##0.#").setYAxisDecimalPattern("#,##0.##")
                .setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS)
                .setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        return chart;
    }

    /**
     * One histogram of 5 s bins; the last bin is open-ended (that many seconds and more), so it is
     * named in the legend rather than drawn as if it were 5 s wide. Returns the highest bin drawn.
     */
    static double gapLine(XYChart chart, String name, double[] bins, Color color) {
        int drawn = bins.length - 1;
        double[] x = new double[drawn];
        for (int b = 0; b < drawn; b++) {
            x[b] = b * CellResult.GAP_BIN_SECONDS + CellResult.GAP_BIN_SECONDS / 2.0;
        }
        double[] y = Arrays.copyOf(bins, drawn);
        String open = String.format(Locale.ROOT, " (+%s at %d s or more)", Numbers.mean(bins[drawn]),
                drawn * CellResult.GAP_BIN_SECONDS);
        XYSeries series = Charts.line(chart, name + open, x, y);
        series.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setMarkerColor(color);
        return Arrays.stream(y).max().orElse(0);
    }

    /** The window's two edges in two styles: from (dashed) and by (dotted). */
    static void markEntryLifetime(XYChart chart, CellResult.Window window, double top) {
        double height = top > 0 ? top : 1;
        Charts.vertical(chart, "GC may remove the old entry from " + Numbers.seconds(window.from()), window.from(),
                height, Color.RED);
        XYSeries by = Charts.dashed(chart, "... and has removed it by " + Numbers.seconds(window.to()),
                new double[] {window.to(), window.to()}, new double[] {0, height}, new Color(140, 0, 0));
        by.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {1f, 4f}, 0f));
    }

    /**
     * Of all reuses in a histogram: the share before the window (the entry is surely still there)
     * and the share inside it. Bins the window cuts count in proportion (uniform within a bin).
     * NaN when there are no reuses.
     */
    static double[] shares(double[] bins, CellResult.Window window) {
        double total = Arrays.stream(bins).sum();
        if (total == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double before = 0;
        double inside = 0;
        for (int b = 0; b < bins.length - 1; b++) {
            double lo = b * CellResult.GAP_BIN_SECONDS;
            double hi = lo + CellResult.GAP_BIN_SECONDS;
            before += bins[b] * overlap(lo, hi, Double.NEGATIVE_INFINITY, window.from());
            inside += bins[b] * overlap(lo, hi, window.from(), window.to());
        }
        return new double[] {before / total, inside / total};
    }

    private static double overlap(double lo, double hi, double from, double to) {
        return Math.max(0, Math.min(hi, to) - Math.max(lo, from)) / (hi - lo);
    }

    /** The window a run's assumptions give; the kernel's defaults for a setting they leave out. */
    static CellResult.Window window(Map<String, String> assumptions) {
        double stale = setting(assumptions, "kernel.gc_stale_time", 60);
        double base = setting(assumptions, "kernel.base_reachable_time_ms", 30000);
        return new CellResult.Window(stale, stale + base / 2000.0);
    }

    private static double setting(Map<String, String> assumptions, String key, double otherwise) {
        String value = assumptions == null ? null : assumptions.get(key);
        if (value == null) {
            return otherwise;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException notANumber) {
            return otherwise;
        }
    }

    static double[] histogram(List<Double> gaps) {
        double[] bins = new double[CellResult.GAP_BINS];
        for (double gap : gaps) {
            bins[(int) Math.min(CellResult.GAP_BINS - 1, Math.max(0, gap / CellResult.GAP_BIN_SECONDS))]++;
        }
        return bins;
    }

    static XYChart runGapChart(List<Double> gaps, CellResult.Window window) {
        XYChart chart = gapChart("reuses per " + CellResult.GAP_BIN_SECONDS + " s bin");
        markEntryLifetime(chart, window, gapLine(chart, "reuses", histogram(gaps), Charts.color(0)));
        return chart;
    }
}
