package dev.sgplab.report;

import dev.sgplab.sim.sweep.CellResult;
import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import tools.jackson.databind.JsonNode;

/** Reuse-gap histograms against the window in which periodic GC removes the old owner's entry. */
final class GapCharts {
    private GapCharts() {
    }

    static XYChart gapChart(String yTitle) {
        return Charts.chart("Reuse gaps", "seconds from the old owner's end to the new owner's ENI", yTitle);
    }

    /**
     * One histogram of 5 s bins; the last bin is open-ended (that many seconds and more), so it is
     * named in the legend rather than drawn as if it were 5 s wide. Returns the highest bin drawn.
     */
    static double gapLine(XYChart chart, String name, double[] bins) {
        int drawn = bins.length - 1;
        double[] x = new double[drawn];
        for (int b = 0; b < drawn; b++) {
            x[b] = b * CellResult.GAP_BIN_SECONDS + CellResult.GAP_BIN_SECONDS / 2.0;
        }
        double[] y = Arrays.copyOf(bins, drawn);
        String open = String.format(Locale.ROOT, " (%s at %d s or more)", SimulateReport.fmt(bins[drawn]),
                drawn * CellResult.GAP_BIN_SECONDS);
        Charts.line(chart, name + open, x, y);
        return Arrays.stream(y).max().orElse(0);
    }

    static void markEntryLifetime(XYChart chart, CellResult.Window window, double top) {
        Charts.vertical(chart, "GC removes the entry from " + SimulateReport.fmt(window.from()) + " s", window.from(),
                top, Color.RED);
        Charts.vertical(chart, "... by " + SimulateReport.fmt(window.to()) + " s", window.to(), top, Color.RED);
    }

    static CellResult.Window window(JsonNode run) {
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
}
