package dev.sgplab.cli;

import dev.sgplab.sim.Replications;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * How much simulation a command asks for: refused past {@link Replications}' bounds with the
 * reason before any work; when it is long, the run count up front and the time left as soon as it
 * is measured (so that a big count never "simply runs for ever without saying how long").
 */
final class RunBudget {
    /** Below this many runs the work takes seconds: no estimate is worth its measuring. */
    static final long ESTIMATE_FROM_RUNS = 2_000;
    /** The rate is measured over this long before the time left is printed. */
    static final long ESTIMATE_AFTER_NANOS = 15_000_000_000L;

    private RunBudget() {
    }

    /** Refuses {@code perSetting} replications over {@code settings} settings if past the bounds. */
    static void check(String option, long perSetting, long settings) {
        String refusal = Replications.refusal(perSetting, settings);
        if (refusal != null) {
            throw new Errors.BadInputException(option + " " + refusal);
        }
    }

    /**
     * For long work, says before it starts how many runs it is, and once the rate is known (after
     * {@link #ESTIMATE_AFTER_NANOS}) how long is left, measured on this machine: the first runs
     * load classes and warm the JIT up, so no estimate is made from them alone.
     */
    static IntConsumer announce(PrintWriter err, String what, long runs, int threads, IntConsumer progress) {
        if (runs < ESTIMATE_FROM_RUNS) {
            return progress;
        }
        err.printf(Locale.ROOT, "sgplab: %s: %,d runs on %d threads; the time left follows once measured%n", what,
                runs, threads);
        err.flush();
        long start = System.nanoTime();
        AtomicBoolean told = new AtomicBoolean();
        return done -> {
            progress.accept(done);
            long elapsed = System.nanoTime() - start;
            if (elapsed >= ESTIMATE_AFTER_NANOS && done < runs && !told.getAndSet(true)) {
                long left = (long) (elapsed / (double) done * (runs - done));
                synchronized (err) {
                    err.printf(Locale.ROOT, "sgplab: %s: about %s left (%,d of %,d runs in %s)%n", what,
                            words(Duration.ofNanos(left)), done, runs, words(Duration.ofNanos(elapsed)));
                    err.flush();
                }
            }
        };
    }

    static String words(Duration d) {
        if (d.toHours() >= 1) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        if (d.toMinutes() >= 1) {
            return d.toMinutes() + " min " + d.toSecondsPart() + " s";
        }
        return Math.max(1, d.toSeconds()) + " s";
    }
}
