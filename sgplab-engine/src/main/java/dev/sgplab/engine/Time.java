package dev.sgplab.engine;

/** Conversions for the engine's time unit, the nanosecond. */
public final class Time {
    public static final long NANOS_PER_MILLI = 1_000_000L;
    public static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Time() {
    }

    public static long seconds(double seconds) {
        return Math.round(seconds * NANOS_PER_SECOND);
    }

    public static long millis(double millis) {
        return Math.round(millis * NANOS_PER_MILLI);
    }

    public static double toSeconds(long nanos) {
        return nanos / (double) NANOS_PER_SECOND;
    }
}
