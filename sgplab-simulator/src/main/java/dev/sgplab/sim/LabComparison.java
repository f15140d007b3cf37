package dev.sgplab.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the kernel's counts fit the model's: each lab run inside the range one simulated run falls
 * in (2.5th..97.5th percentile, {@link ErrorSummary}), and with several lab runs their mean within two
 * standard errors of the simulator's mean (standard error = the simulator's standard deviation /
 * sqrt(lab runs)).
 *
 * @param simulator  the simulated runs' mean and range
 * @param simulatorSd the simulated runs' sample standard deviation
 * @param simulatorRuns how many simulated runs
 * @param paired     the simulated counts of replications 0..n-1, the ones that share the lab runs' seeds
 * @param labMean    the lab runs' mean
 * @param runChecks  one line per lab run: inside or outside the range
 * @param meanCheck  with two lab runs or more, whether their mean is within two standard errors
 * @param agree      every check passed
 */
public record LabComparison(ErrorSummary simulator, double simulatorSd, int simulatorRuns, List<Integer> paired,
        double labMean, List<String> runChecks, Optional<String> meanCheck, boolean agree) {

    /** Compares lab runs' Error pod counts with simulated ones (at least two, for a standard deviation). */
    public static LabComparison of(List<Integer> labRuns, int[] simulated) {
        if (simulated.length < 2 || labRuns.size() > simulated.length) {
            throw new IllegalArgumentException("need at least 2 simulated runs and no more lab runs than simulated ones");
        }
        ErrorSummary summary = ErrorSummary.of(simulated);
        double mean = summary.mean();
        double sd = Math.sqrt(Arrays.stream(simulated).mapToDouble(c -> (c - mean) * (c - mean)).sum()
                / (simulated.length - 1));
        List<String> runChecks = new ArrayList<>();
        boolean agree = true;
        for (int i = 0; i < labRuns.size(); i++) {
            boolean inside = summary.contains(labRuns.get(i));
            agree &= inside;
            runChecks.add(String.format(Locale.ROOT, "lab run %d: %d Error pods %s the simulator's %d..%d", i + 1,
                    labRuns.get(i), inside ? "inside" : "OUTSIDE", summary.low(), summary.high()));
        }
        double labMean = labRuns.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
        Optional<String> meanCheck = Optional.empty();
        if (labRuns.size() > 1) {
            double standardError = sd / Math.sqrt(labRuns.size());
            boolean close = Math.abs(labMean - mean) <= 2 * standardError + 1e-9;
            agree &= close;
            meanCheck = Optional.of(String.format(Locale.ROOT,
                    "lab mean %.2f %s 2 standard errors (%.2f) of the simulator's mean %.2f",
                    labMean, close ? "within" : "NOT within", 2 * standardError, mean));
        }
        List<Integer> paired = Arrays.stream(simulated, 0, labRuns.size()).boxed().toList();
        return new LabComparison(summary, sd, simulated.length, paired, labMean, List.copyOf(runChecks), meanCheck,
                agree);
    }
}
