package dev.sgplab.scenario;

/** A scenario that cannot be used; the message is one line naming the file, key and problem. */
public final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message);
    }
}
