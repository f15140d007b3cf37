package dev.sgplab.cli;

/** {@code --threads}: positive, default all processors. */
final class Threads {
    private Threads() {
    }

    static int resolve(Integer requested) {
        if (requested == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (requested <= 0) {
            throw new Errors.BadInputException("--threads must be positive, got " + requested);
        }
        return requested;
    }
}
