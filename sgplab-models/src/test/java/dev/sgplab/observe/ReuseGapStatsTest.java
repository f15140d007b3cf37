package dev.sgplab.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReuseGapStatsTest {
    private static final double[] QUANTILES = {0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1.0};

    /** Gaps like a large run's: a cooldown floor plus a long tail, to the millisecond or finer. */
    private static double[] gaps(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] gaps = new double[n];
        for (int i = 0; i < n; i++) {
            gaps[i] = 60 + Math.exp(random.nextGaussian() * 1.5 + 5) + random.nextDouble();
        }
        return gaps;
    }

    private static double nearestRank(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void upToTheLimitQuantilesAreExact(long seed) {
        double[] gaps = gaps(seed, ReuseGapStats.EXACT_LIMIT);
        ReuseGapStats stats = new ReuseGapStats(false);
        Arrays.stream(gaps).forEach(stats::record);
        double[] sorted = gaps.clone();
        Arrays.sort(sorted);
        assertThat(stats.quantilePrecision()).isEqualTo(ReuseGapStats.EXACT);
        for (double q : QUANTILES) {
            assertThat(stats.quantile(q)).isEqualTo(nearestRank(sorted, q));
        }
        assertThat(stats.all()).hasSize(gaps.length);
    }

    /** The stated bound: within 0.1 % or 1 ms of the exact nearest-rank quantile; min and max exact. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void beyondTheLimitQuantilesStayWithinTheStatedError(long seed) {
        double[] gaps = gaps(seed, 300_000);
        ReuseGapStats stats = new ReuseGapStats(false);
        Arrays.stream(gaps).forEach(stats::record);
        double[] sorted = gaps.clone();
        Arrays.sort(sorted);
        assertThat(stats.quantilePrecision()).isEqualTo(ReuseGapStats.HISTOGRAM_PRECISION);
        assertThat(stats.all()).isNull();
        assertThat(stats.count()).isEqualTo(gaps.length);
        assertThat(stats.min()).isEqualTo(sorted[0]);
        assertThat(stats.max()).isEqualTo(sorted[sorted.length - 1]);
        for (double q : QUANTILES) {
            double exact = nearestRank(sorted, q);
            assertThat(Math.abs(stats.quantile(q) - exact)).as("quantile %s", q)
                    .isLessThanOrEqualTo(Math.max(0.001 * exact, 0.001));
        }
    }

    @Test
    void keepAllKeepsEveryGapInOrderAndStaysExact() {
        double[] gaps = gaps(4, ReuseGapStats.EXACT_LIMIT + 5);
        ReuseGapStats stats = new ReuseGapStats(true);
        Arrays.stream(gaps).forEach(stats::record);
        List<Double> expected = new ArrayList<>();
        Arrays.stream(gaps).forEach(expected::add);
        assertThat(stats.all()).isEqualTo(expected);
        assertThat(stats.quantilePrecision()).isEqualTo(ReuseGapStats.EXACT);
    }

    /** Bins of whole seconds are exact at any count: 4.9 s in bin 0, 5.0 s in bin 1, 900 s in the last. */
    @Test
    void binsAreExact() {
        ReuseGapStats stats = new ReuseGapStats(false);
        double[] gaps = gaps(5, 50_000);
        Arrays.stream(gaps).forEach(stats::record);
        stats.record(4.9);
        stats.record(5.0);
        stats.record(900);
        int[] expected = new int[61];
        for (double gap : gaps) {
            expected[(int) Math.min(60, gap / 5)]++;
        }
        expected[0]++;
        expected[1]++;
        expected[60]++;
        assertThat(stats.binCounts(5, 61)).containsExactly(expected);
    }

    @Test
    void refusesNegativeGapsAndBinsBeyondTheCountedSeconds() {
        ReuseGapStats stats = new ReuseGapStats(false);
        assertThatThrownBy(() -> stats.record(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stats.binCounts(10, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThat(stats.quantile(0.5)).isNaN();
    }
}
