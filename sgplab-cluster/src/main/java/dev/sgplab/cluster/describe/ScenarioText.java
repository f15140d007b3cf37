package dev.sgplab.cluster.describe;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The scenario file as text, written by hand so that every value can carry a comment saying where
 * it came from (a YAML library would drop comments). Keys are the scenario reference's.
 */
final class ScenarioText {
    private final StringBuilder text = new StringBuilder();
    private int depth;
    /** The next line opens a list item ("- "). */
    private boolean dash;

    /** A comment line (or several, split on newlines) at the current depth. */
    ScenarioText comment(String comment) {
        for (String line : comment.split("\n")) {
            indent().append(line.isEmpty() ? "#" : "# " + line).append('\n');
        }
        return this;
    }

    ScenarioText blank() {
        text.append('\n');
        return this;
    }

    /** "key:" opening a mapping; {@link #end()} closes it. */
    ScenarioText open(String key) {
        indent().append(key).append(":\n");
        depth++;
        return this;
    }

    ScenarioText end() {
        depth--;
        return this;
    }

    /** A list item: its first line starts with "- ", its keys line up under it; {@link #end()} closes it. */
    ScenarioText item() {
        dash = true;
        depth++;
        return this;
    }

    /** "key: value  # source". */
    ScenarioText value(String key, String yaml, String source) {
        indent().append(key).append(": ").append(yaml).append("  # ").append(source.replace('\n', ' ')).append('\n');
        return this;
    }

    private StringBuilder indent() {
        if (dash) {
            dash = false;
            return text.append("  ".repeat(depth - 1)).append("- ");
        }
        return text.append("  ".repeat(depth));
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** A YAML scalar: bare when safe, else double-quoted. */
    static String scalar(String value) {
        if (value.matches("[A-Za-z0-9][A-Za-z0-9._/-]*") && !value.matches("(?i)true|false|yes|no|on|off|null|~|[0-9.e+-]+")) {
            return value;
        }
        return quoted(value);
    }

    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
    }

    static String flow(List<String> values) {
        return values.stream().map(ScenarioText::quoted).collect(Collectors.joining(", ", "[", "]"));
    }

    static String flowNumbers(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }
}
