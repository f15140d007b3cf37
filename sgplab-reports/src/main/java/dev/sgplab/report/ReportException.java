package dev.sgplab.report;

/**
 * A report or saved result that cannot be made or read. {@link Cause#INPUT}: the user's file or
 * directory is at fault (unreadable, not JSON, an unknown kind or version, a directory that cannot
 * be written), one line naming it; {@link Cause#INTERNAL}: sgplab itself failed (a chart that
 * cannot be drawn).
 */
public final class ReportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Cause {
        INPUT, INTERNAL
    }

    private final Cause failure;

    private ReportException(Cause cause, String message, Throwable reason) {
        super(message, reason);
        this.failure = cause;
    }

    public static ReportException input(String message) {
        return new ReportException(Cause.INPUT, message, null);
    }

    public static ReportException internal(String message, Throwable reason) {
        return new ReportException(Cause.INTERNAL, message, reason);
    }

    public Cause kind() {
        return failure;
    }
}
