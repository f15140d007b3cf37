package dev.sgplab.sim;

import java.util.Arrays;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * Error pods over replications: the mean, and the range one run of the real test would fall in —
 * the 2.5th to 97.5th percentile of the per-replication counts, taken as observed counts
 * (Hyndman-Fan type 1, the inverse of the empirical distribution), so both ends are real outcomes.
 */
public record ErrorSummary(double mean, int low, int high) {
    private static final Quantile OBSERVED = Quantile.withDefaults().with(Quantile.EstimationMethod.HF1);

    public static ErrorSummary of(int[] counts) {
        if (counts.length == 0) {
            throw new IllegalArgumentException("no replications");
        }
        double[] values = Arrays.stream(counts).asDoubleStream().toArray();
        double[] q = OBSERVED.evaluate(values, 0.025, 0.975);
        return new ErrorSummary(Arrays.stream(counts).average().orElseThrow(), (int) q[0], (int) q[1]);
    }

    public boolean contains(int value) {
        return value >= low && value <= high;
    }
}
