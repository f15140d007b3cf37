package dev.sgplab.cluster.describe;

import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes timestamps (RFC 3339) and the window's "24h" / "90m" / "2d" syntax. */
final class Times {
    private static final Pattern WINDOW = Pattern.compile("(\\d+)([smhd])");

    private Times() {
    }

    static Instant parse(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** When an event last happened: lastTimestamp, else eventTime (events.k8s.io), else firstTimestamp, else created. */
    static Instant of(Event event) {
        Instant at = parse(event.getLastTimestamp());
        if (at == null && event.getEventTime() != null) {
            at = parse(event.getEventTime().getTime());
        }
        if (at == null) {
            at = parse(event.getFirstTimestamp());
        }
        return at != null ? at : parse(event.getMetadata().getCreationTimestamp());
    }

    /** "24h", "90m", "2d", "3600s"; null when malformed or not positive. */
    static Duration window(String text) {
        Matcher m = WINDOW.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (n <= 0 || n > 366L * 24 * 3600) {
            return null;
        }
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** "58 min", "24 h", "1 h 30 min", "40 s". */
    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s";
        }
        long h = s / 3600;
        long m = (s % 3600) / 60;
        return h == 0 ? m + " min" : m == 0 ? h + " h" : h + " h " + m + " min";
    }
}
