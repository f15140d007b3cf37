package dev.sgplab.observe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The reuse gaps of one run as streaming statistics, in memory that does not grow with the run:
 * the count, the exact minimum and maximum, whole-second counts up to {@link #WHOLE_SECONDS}, and
 * quantiles. Quantiles are exact while the run has at most {@link #EXACT_LIMIT} gaps (the report's
 * scenario has about a hundred); beyond that they come from an HdrHistogram in milliseconds with 3
 * significant digits, so a quantile is within 0.1 % (or 1 ms) of a gap that lies at that rank.
 * Beyond {@link #EXACT_LIMIT}, every gap is kept only when asked ({@code keepAll}: traces, the
 * lab, a real cluster).
 */
public final class ReuseGapStats {
    /** Up to this many gaps the quantiles are exact (the buffer is then dropped). */
    public static final int EXACT_LIMIT = 10_000;
    /** Gaps below this many seconds are also counted per whole second (exact, for sweeps' bins). */
    public static final int WHOLE_SECONDS = 600;
    static final int SIGNIFICANT_DIGITS = 3;
    /** What the output says of the quantiles beyond {@link #EXACT_LIMIT} gaps. */
    public static final String HISTOGRAM_PRECISION = "within 0.1 % or 1 ms (HdrHistogram, 3 significant digits)";
    public static final String EXACT = "exact";

    private final boolean keepAll;
    private double[] values = new double[16];
    private final int[] perWholeSecond = new int[WHOLE_SECONDS];
    private long beyondWholeSeconds;
    private Histogram histogram;
    private long count;
    private double min = Double.NaN;
    private double max = Double.NaN;

    public ReuseGapStats(boolean keepAll) {
        this.keepAll = keepAll;
    }

    /** Exact statistics of a known list of gaps, all of them kept (the lab, a real cluster). */
    public static ReuseGapStats of(List<Double> gaps) {
        ReuseGapStats stats = new ReuseGapStats(true);
        gaps.forEach(stats::record);
        return stats;
    }

    public void record(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("a reuse gap cannot be negative: " + seconds);
        }
        if (values != null && !keepAll && count == EXACT_LIMIT) {
            histogram = new Histogram(SIGNIFICANT_DIGITS);
            histogram.setAutoResize(true);
            for (int i = 0; i < count; i++) {
                histogram.recordValue(Math.round(values[i] * 1000));
            }
            values = null; // from here on the histogram alone
        }
        if (values != null) {
            if (count == values.length) {
                values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8, count * 2));
            }
            values[(int) count] = seconds;
        } else {
            histogram.recordValue(Math.round(seconds * 1000));
        }
        count++;
        min = count == 1 ? seconds : Math.min(min, seconds);
        max = count == 1 ? seconds : Math.max(max, seconds);
        if (seconds < WHOLE_SECONDS) {
            perWholeSecond[(int) seconds]++;
        } else {
            beyondWholeSeconds++;
        }
    }

    public long count() {
        return count;
    }

    /** The smallest gap, exact; NaN when there was none. */
    public double min() {
        return min;
    }

    /** The largest gap, exact; NaN when there was none. */
    public double max() {
        return max;
    }

    public boolean quantilesExact() {
        return values != null;
    }

    /** {@link #EXACT} or {@link #HISTOGRAM_PRECISION}. */
    public String quantilePrecision() {
        return quantilesExact() ? EXACT : HISTOGRAM_PRECISION;
    }

    /**
     * The gap at rank ceil(q n) of the n gaps in order (the nearest-rank quantile); NaN without
     * gaps. Beyond {@link #EXACT_LIMIT} gaps: the histogram's value at that rank.
     */
    public double quantile(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        if (quantilesExact()) {
            double[] sorted = Arrays.copyOf(values, (int) count);
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
        }
        double value = histogram.getValueAtPercentile(q * 100) / 1000.0;
        return Math.max(min, Math.min(max, value));
    }

    /**
     * How many gaps fall in each of {@code bins} bins of {@code binSeconds} whole seconds, the last
     * bin taking every larger gap. Exact while the bins end within {@link #WHOLE_SECONDS}.
     */
    public int[] binCounts(int binSeconds, int bins) {
        if (binSeconds <= 0 || bins <= 0 || (long) binSeconds * (bins - 1) > WHOLE_SECONDS) {
            throw new IllegalArgumentException("bins of " + binSeconds + " s x " + bins
                    + " do not fit the " + WHOLE_SECONDS + " s counted exactly");
        }
        int[] counts = new int[bins];
        for (int second = 0; second < WHOLE_SECONDS; second++) {
            counts[Math.min(bins - 1, second / binSeconds)] += perWholeSecond[second];
        }
        counts[bins - 1] += (int) beyondWholeSeconds;
        return counts;
    }

    /**
     * Every gap in the order recorded while all are known: always with {@code keepAll}, otherwise up
     * to {@link #EXACT_LIMIT} gaps; beyond that null.
     */
    public List<Double> all() {
        if (values == null) {
            return null;
        }
        List<Double> all = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            all.add(values[i]);
        }
        return all;
    }

    /** Equal when they hold the same gaps as far as they know them (runs compare for determinism). */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ReuseGapStats that)) {
            return false;
        }
        boolean sameKept = values == null ? that.values == null && histogram.equals(that.histogram)
                : that.values != null && Arrays.equals(values, 0, (int) count, that.values, 0, (int) that.count);
        return count == that.count && Double.compare(min, that.min) == 0 && Double.compare(max, that.max) == 0
                && beyondWholeSeconds == that.beyondWholeSeconds && Arrays.equals(perWholeSecond, that.perWholeSecond)
                && sameKept;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count) * 31 + Double.hashCode(max);
    }

    @Override
    public String toString() {
        return "ReuseGapStats[count=" + count + ", min=" + min + ", max=" + max + ", quantiles " + quantilePrecision()
                + "]";
    }
}
