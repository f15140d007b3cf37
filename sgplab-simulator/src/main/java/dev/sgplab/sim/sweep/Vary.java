package dev.sgplab.sim.sweep;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One axis of a sweep: a scenario key and its values, written {@code key=FROM..TO:STEP} (inclusive)
 * or {@code key=a,b,c}.
 */
public record Vary(String key, List<String> values) {
    private static final int MAX_VALUES = 10_000;

    public Vary {
        values = List.copyOf(values);
    }

    public static Vary parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException("--vary '" + text + "': expected key=FROM..TO:STEP or key=a,b,c");
        }
        String key = text.substring(0, eq).trim();
        String range = text.substring(eq + 1).trim();
        if (!range.contains("..")) {
            List<String> values = Arrays.stream(range.split(",", -1)).map(String::trim).toList();
            if (values.contains("")) {
                throw new IllegalArgumentException("--vary '" + text + "': an empty value in the list");
            }
            return new Vary(key, values);
        }
        String[] fromTo = range.split("\\.\\.", 2);
        String[] toStep = fromTo[1].split(":", 2);
        if (toStep.length != 2) {
            throw new IllegalArgumentException("--vary '" + text + "': a range needs a step, as in 30..120:5");
        }
        BigDecimal from;
        BigDecimal to;
        BigDecimal step;
        try {
            from = new BigDecimal(fromTo[0].trim());
            to = new BigDecimal(toStep[0].trim());
            step = new BigDecimal(toStep[1].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--vary '" + text + "': FROM, TO and STEP must be numbers");
        }
        if (step.signum() <= 0 || to.compareTo(from) < 0) {
            throw new IllegalArgumentException("--vary '" + text + "': needs FROM <= TO and a positive STEP");
        }
        List<String> values = new ArrayList<>();
        for (BigDecimal v = from; v.compareTo(to) <= 0; v = v.add(step)) {
            values.add(v.stripTrailingZeros().toPlainString());
            if (values.size() > MAX_VALUES) {
                throw new IllegalArgumentException("--vary '" + text + "': more than " + MAX_VALUES + " values");
            }
        }
        return new Vary(key, values);
    }
}
