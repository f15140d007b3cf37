package dev.sgplab.cli;

/** {@code --seed} and {@code --threads} of the commands that run many replications. */
final class Threads {
    /** More threads than this only cost memory: the work is CPU-bound. */
    static final int MAX_THREADS = 1024;

    @picocli.CommandLine.Option(names = "--seed", defaultValue = "1", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @picocli.CommandLine.Option(names = "--threads", description = "Worker threads (default: available processors).")
    Integer threads;

    /** The thread count asked for, checked. */
    int count() {
        return resolve(threads);
    }

    static int resolve(Integer requested) {
        if (requested == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (requested <= 0) {
            throw new Errors.BadInputException("--threads must be positive, got " + requested);
        }
        if (requested > MAX_THREADS) {
            throw new Errors.BadInputException("--threads must be at most " + MAX_THREADS + " (this machine has "
                    + Runtime.getRuntime().availableProcessors() + " processors), got " + requested);
        }
        return requested;
    }
}
