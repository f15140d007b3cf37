package dev.sgplab.model.kubernetes;

import java.time.LocalDateTime;
import java.util.BitSet;

/**
 * A CronJob's {@code spec.schedule}: the five fields minute, hour, day of month, month and day of
 * week (Kubernetes uses robfig/cron's standard parser; cron(5) semantics). Supported subset: in
 * each field {@code *}, a number, a range {@code a-b}, a step {@code *}/{@code n} or
 * {@code a-b/n}, and comma-separated lists of these; day of week 0-7 with 0 and 7 Sunday. When
 * both day of month and day of week are restricted, a day matching either runs (cron(5)).
 * Not supported: names (JAN, MON), {@code ?}, {@code L}, {@code W}, {@code #}, and the macros
 * ({@code @hourly}, ...): they are refused, not guessed.
 *
 * <p>Deviation: the run's time 0 is taken as Monday 2024-01-01 00:00 in the CronJob's time zone
 * (the simulator has no calendar of its own); schedules repeat the same way from any Monday.
 */
public final class CronSchedule {
    /** The calendar moment of the run's time 0. */
    public static final LocalDateTime RUN_START = LocalDateTime.of(2024, 1, 1, 0, 0);
    /** Longer than any gap between two runs of a valid schedule (29 February and a weekday: 28 years). */
    private static final long SEARCH_MINUTES = 60L * 24 * 366 * 29;

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;

    private CronSchedule(String text, String[] fields) {
        this.text = text;
        this.minutes = field(fields[0], 0, 59, "minute");
        this.hours = field(fields[1], 0, 23, "hour");
        this.daysOfMonth = field(fields[2], 1, 31, "day of month");
        this.months = field(fields[3], 1, 12, "month");
        BitSet dow = field(fields[4], 0, 7, "day of week");
        if (dow.get(7)) {
            dow.set(0);
        }
        this.daysOfWeek = dow;
        this.dayOfMonthRestricted = !fields[2].startsWith("*");
        this.dayOfWeekRestricted = !fields[4].startsWith("*");
    }

    public static CronSchedule parse(String text) {
        String[] fields = text.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("schedule '" + text + "' must have five fields (minute hour "
                    + "day-of-month month day-of-week), got " + fields.length);
        }
        return new CronSchedule(text.trim(), fields);
    }

    public String text() {
        return text;
    }

    /** The first run strictly after {@code afterSeconds} (seconds from the run's time 0), in seconds; -1 if none. */
    public long nextAfter(double afterSeconds) {
        long minute = (long) Math.floor(afterSeconds / 60) + 1;
        LocalDateTime at = RUN_START.plusMinutes(minute);
        for (long i = 0; i < SEARCH_MINUTES; i++) {
            if (matches(at)) {
                return (minute + i) * 60;
            }
            if (!dayMatches(at)) { // skip to the next day's first minute
                LocalDateTime nextDay = at.toLocalDate().plusDays(1).atStartOfDay();
                i += java.time.Duration.between(at, nextDay).toMinutes() - 1;
                at = nextDay;
                continue;
            }
            at = at.plusMinutes(1);
        }
        return -1;
    }

    private boolean matches(LocalDateTime at) {
        return minutes.get(at.getMinute()) && hours.get(at.getHour()) && dayMatches(at);
    }

    private boolean dayMatches(LocalDateTime at) {
        if (!months.get(at.getMonthValue())) {
            return false;
        }
        boolean dom = daysOfMonth.get(at.getDayOfMonth());
        boolean dow = daysOfWeek.get(at.getDayOfWeek().getValue() % 7);
        if (dayOfMonthRestricted && dayOfWeekRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    private BitSet field(String field, int min, int max, String name) {
        BitSet values = new BitSet(max + 1);
        for (String part : field.split(",", -1)) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), 1, max, name);
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) {
                    throw bad(name, part);
                }
                from = number(ends[0], min, max, name);
                to = number(ends[1], min, max, name);
                if (from > to) {
                    throw new IllegalArgumentException("schedule '" + text + "': " + name + " range " + part
                            + " runs backwards");
                }
            } else {
                from = number(range, min, max, name);
                to = slash >= 0 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                values.set(v);
            }
        }
        return values;
    }

    private int number(String digits, int min, int max, String name) {
        if (!digits.matches("[0-9]{1,2}")) {
            throw bad(name, digits);
        }
        int value = Integer.parseInt(digits);
        if (value < min || value > max) {
            throw new IllegalArgumentException("schedule '" + text + "': " + name + " " + value + " is outside "
                    + min + ".." + max);
        }
        return value;
    }

    private IllegalArgumentException bad(String name, String part) {
        return new IllegalArgumentException("schedule '" + text + "': " + name + " '" + part + "' is not supported "
                + "(numbers, *, a-b, */n, a-b/n and lists; no names or macros)");
    }
}
