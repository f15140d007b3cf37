package dev.sgplab.model.dist;

import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A distribution of durations in seconds, written the way scenarios write them:
 * {@code fixed(2)}, {@code uniform(1, 3)}, {@code exponential(4)} (mean),
 * {@code lognormal(1.5, 0.4)} (median, sigma of the log), or a bare number for fixed.
 */
public sealed interface Distribution {

    double sample(RandomGenerator random);

    double mean();

    /** Whether the parameters describe non-negative durations. */
    boolean valid();

    String text();

    record Fixed(double value) implements Distribution {
        public double sample(RandomGenerator random) {
            return value;
        }

        public double mean() {
            return value;
        }

        public boolean valid() {
            return value >= 0;
        }

        public String text() {
            return "fixed(" + format(value) + ")";
        }
    }

    record Uniform(double low, double high) implements Distribution {
        public double sample(RandomGenerator random) {
            return low + (high - low) * random.nextDouble();
        }

        public double mean() {
            return (low + high) / 2;
        }

        public boolean valid() {
            return low >= 0 && high >= low;
        }

        public String text() {
            return "uniform(" + format(low) + ", " + format(high) + ")";
        }
    }

    record Exponential(double meanValue) implements Distribution {
        public double sample(RandomGenerator random) {
            return -meanValue * Math.log(1 - random.nextDouble());
        }

        public double mean() {
            return meanValue;
        }

        public boolean valid() {
            return meanValue > 0;
        }

        public String text() {
            return "exponential(" + format(meanValue) + ")";
        }
    }

    record LogNormal(double median, double sigma) implements Distribution {
        public double sample(RandomGenerator random) {
            return median * Math.exp(sigma * random.nextGaussian());
        }

        public double mean() {
            return median * Math.exp(sigma * sigma / 2);
        }

        public boolean valid() {
            return median > 0 && sigma >= 0;
        }

        public String text() {
            return "lognormal(" + format(median) + ", " + format(sigma) + ")";
        }
    }

    Pattern FORM = Pattern.compile("\\s*([a-z]+)\\s*\\(([^)]*)\\)\\s*");

    static Distribution parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty distribution");
        }
        String trimmed = text.trim();
        try {
            return checked(new Fixed(Double.parseDouble(trimmed)), text);
        } catch (NumberFormatException notANumber) {
            // fall through to the functional form
        }
        Matcher m = FORM.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid distribution '" + text
                    + "' (expected e.g. 2, fixed(2), uniform(1, 3), exponential(4), lognormal(1.5, 0.4))");
        }
        String[] args = m.group(2).split(",");
        double[] values = new double[args.length];
        try {
            for (int i = 0; i < args.length; i++) {
                values[i] = Double.parseDouble(args[i].trim());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid distribution '" + text + "': arguments must be numbers");
        }
        Distribution d = switch (m.group(1)) {
            case "fixed" -> new Fixed(arg(values, 1, text)[0]);
            case "uniform" -> new Uniform(arg(values, 2, text)[0], values[1]);
            case "exponential" -> new Exponential(arg(values, 1, text)[0]);
            case "lognormal" -> new LogNormal(arg(values, 2, text)[0], values[1]);
            default -> throw new IllegalArgumentException("unknown distribution '" + m.group(1) + "' in '" + text + "'");
        };
        return checked(d, text);
    }

    private static double[] arg(double[] values, int count, String text) {
        if (values.length != count) {
            throw new IllegalArgumentException("invalid distribution '" + text + "': expected " + count
                    + " argument" + (count == 1 ? "" : "s"));
        }
        return values;
    }

    private static Distribution checked(Distribution d, String text) {
        if (!d.valid() || !Double.isFinite(d.mean())) {
            throw new IllegalArgumentException("invalid distribution '" + text
                    + "': durations must be finite and not negative (uniform needs low <= high)");
        }
        return d;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
