package dev.sgplab.lab;

/** The lab could not do something; the message is one line saying what. */
public class LabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LabException(String message) {
        super(message);
    }

    /** The machine or the request cannot run the lab (not root, a tool missing, a bad time scale). */
    public static final class Unusable extends LabException {
        private static final long serialVersionUID = 1L;

        public Unusable(String message) {
            super(message);
        }
    }
}
