package dev.sgplab.cli;

import dev.sgplab.scenario.Scenario;
import dev.sgplab.sim.ClusterSimulation;
import dev.sgplab.sim.Replications;
import dev.sgplab.sim.SimulationPlan;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * How much simulation a command asks for: refused past {@link Replications}' bounds with the
 * reason, and, when it is long, an estimate measured on this machine printed before the work starts
 * (so that 1e6 replications never "simply run for ever without saying how long").
 */
final class RunBudget {
    /** Below this many runs the work takes seconds: no estimate is worth its measuring. */
    static final long ESTIMATE_FROM_RUNS = 2_000;
    /** Measuring stops after this long or this many runs, whichever comes first. */
    private static final long MEASURE_NANOS = 300_000_000L;
    private static final int MEASURE_RUNS = 10;

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
     * For long work, times a few replications of the scenario and prints the estimated total on
     * stderr, before the work starts. The estimate includes JIT warm-up, so it errs long.
     */
    static void announce(PrintWriter err, String what, Scenario scenario, long runs, int threads) {
        if (runs < ESTIMATE_FROM_RUNS) {
            return;
        }
        SimulationPlan plan = SimulationPlan.of(scenario);
        long start = System.nanoTime();
        int measured = 0;
        while (measured < MEASURE_RUNS && System.nanoTime() - start < MEASURE_NANOS) {
            new ClusterSimulation(plan, Replications.seedOf(0, measured), ClusterSimulation.Detail.COUNTS).run();
            measured++;
        }
        double perRun = (System.nanoTime() - start) / (double) measured;
        long total = (long) (perRun * runs / Math.max(1, Math.min(threads, runs)));
        err.printf(Locale.ROOT, "sgplab: %s: %,d runs at about %.1f ms each on %d threads: about %s%n", what, runs,
                perRun / 1e6, threads, words(Duration.ofNanos(total)));
        err.flush();
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
