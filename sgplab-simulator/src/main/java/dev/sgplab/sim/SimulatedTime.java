package dev.sgplab.sim;

import java.util.Locale;

/** Simulated time as progress lines show it: 2h05m10s, 4m07s, 12.5s. */
public final class SimulatedTime {
    private SimulatedTime() {
    }

    public static String format(double seconds) {
        long whole = (long) seconds;
        long h = whole / 3600;
        long m = whole % 3600 / 60;
        long s = whole % 60;
        if (h > 0) {
            return String.format(Locale.ROOT, "%dh%02dm%02ds", h, m, s);
        }
        if (m > 0) {
            return String.format(Locale.ROOT, "%dm%02ds", m, s);
        }
        return String.format(Locale.ROOT, "%.1fs", seconds);
    }
}
