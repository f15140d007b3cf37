package dev.sgplab.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Numbers as people read them: rates as percentages (1 % and above) or "1 in N" (below), two
 * significant digits; means with a precision that follows their size; thousands grouped.
 */
public final class Numbers {
    private static final MathContext TWO_DIGITS = new MathContext(2, RoundingMode.HALF_EVEN);

    private Numbers() {
    }

    /** An Error rate: "0", "14 %", "3.6 %", "1 in 140", "1 in 10,000". */
    public static String rate(double rate) {
        if (Double.isNaN(rate)) {
            return "-";
        }
        if (rate <= 0) {
            return "0";
        }
        if (rate >= 0.01) {
            return twoDigits(rate * 100) + " %";
        }
        return "1 in " + twoDigits(1 / rate);
    }

    /** "1 in 140 pods", "3.6 % of pods": a rate standing alone in a sentence. */
    public static String rateOfPods(double rate) {
        String text = rate(rate);
        return text.startsWith("1 in ") ? text + " pods" : text.equals("0") ? "0 pods" : text + " of pods";
    }

    /** A 95 % interval of rates: "1 in 2,000 .. 1 in 90". */
    public static String rateRange(double low, double high) {
        return rate(low) + " .. " + rate(high);
    }

    /** A mean: whole numbers as they are and from 100 up, one decimal from 1, two significant digits below. */
    public static String mean(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double size = Math.abs(value);
        String text;
        if (size == 0) {
            text = "0";
        } else if (size >= 1 && value == Math.rint(value)) {
            text = String.format(Locale.ROOT, "%,.0f", value);
        } else if (size >= 100) {
            text = String.format(Locale.ROOT, "%,.0f", value);
        } else if (size >= 1) {
            text = String.format(Locale.ROOT, "%.1f", value);
        } else {
            text = new BigDecimal(value).round(TWO_DIGITS).stripTrailingZeros().toPlainString();
        }
        return text.equals("-0") || text.equals("-0.0") ? "0" : text;
    }

    /** A duration: {@link #mean(double)} and " s". */
    public static String seconds(double value) {
        return mean(value) + " s";
    }

    /** Two significant digits, grouped: 139.3 -> "140", 3.64 -> "3.6", 31250 -> "31,000", 14.35 -> "14". */
    static String twoDigits(double value) {
        BigDecimal rounded = new BigDecimal(value).round(TWO_DIGITS).stripTrailingZeros();
        if (rounded.scale() <= 0) {
            return String.format(Locale.ROOT, "%,d", rounded.toBigInteger());
        }
        return rounded.toPlainString();
    }
}
