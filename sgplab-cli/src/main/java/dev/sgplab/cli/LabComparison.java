package dev.sgplab.cli;

import dev.sgplab.lab.LabLateness;
import dev.sgplab.report.CompareReport;
import dev.sgplab.report.ReproduceReport;
import dev.sgplab.sim.ErrorSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whether the kernel's counts fit the model's: each lab run inside the range one simulated run falls
 * in (2.5th..97.5th percentile), and with several lab runs their mean within two standard errors of
 * the simulator's mean (standard error = the simulator's standard deviation / sqrt(lab runs)).
 */
final class LabComparison {
    private LabComparison() {
    }

    static CompareReport.Document compare(String scenario, double timeScale, List<Integer> labRuns,
            List<Integer> labReuses, List<Long> seeds, List<LabLateness> lateness, int[] simulated) {
        ErrorSummary summary = ErrorSummary.of(simulated);
        double mean = summary.mean();
        double sd = Math.sqrt(Arrays.stream(simulated).mapToDouble(c -> (c - mean) * (c - mean)).sum()
                / (simulated.length - 1));
        List<String> checks = new ArrayList<>();
        boolean agree = true;
        for (int i = 0; i < labRuns.size(); i++) {
            boolean inside = summary.contains(labRuns.get(i));
            agree &= inside;
            checks.add(String.format(Locale.ROOT, "lab run %d: %d Error pods %s the simulator's %d..%d", i + 1,
                    labRuns.get(i), inside ? "inside" : "OUTSIDE", summary.low(), summary.high()));
        }
        for (int i = 0; i < lateness.size(); i++) {
            if (lateness.get(i).stretched()) {
                checks.add(String.format(Locale.ROOT, "lab run %d: the host was too busy, timings stretched (%s): "
                        + "its count is low for the scenario; rerun on an idle host", i + 1, lateness.get(i).describe()));
            }
        }
        double labMean = labRuns.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
        if (labRuns.size() > 1) {
            double standardError = sd / Math.sqrt(labRuns.size());
            boolean close = Math.abs(labMean - mean) <= 2 * standardError + 1e-9;
            agree &= close;
            checks.add(String.format(Locale.ROOT, "lab mean %.2f %s 2 standard errors (%.2f) of the simulator's mean %.2f",
                    labMean, close ? "within" : "NOT within", 2 * standardError, mean));
        }
        List<Integer> paired = new ArrayList<>();
        for (int i = 0; i < labRuns.size(); i++) {
            paired.add(simulated[i]);
        }
        return new CompareReport.Document(scenario, timeScale,
                new CompareReport.LabSide(labMean, List.copyOf(labRuns), List.copyOf(labReuses), List.copyOf(seeds),
                        List.copyOf(lateness)),
                new CompareReport.SimulatorSide(new ReproduceReport.ErrorPods(Math.round(mean * 1000) / 1000.0,
                        summary.low(), summary.high()), Math.round(sd * 1000) / 1000.0, simulated.length, paired),
                agree, checks, null);
    }
}
