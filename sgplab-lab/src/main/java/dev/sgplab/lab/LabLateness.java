package dev.sgplab.lab;

import java.util.Locale;

/**
 * How faithfully a lab run kept the model's time, in model seconds: how late its changes to the
 * system (creating and deleting ENI namespaces, starting lookups) began after the models asked for
 * them (95th percentile and worst), and the latest a model event ran on the real clock. At a time
 * scale of 0.2 every real millisecond is five model milliseconds, so a busy host stretches the
 * run: lookups start late, reuse gaps grow, and fewer pods fail than the scenario says.
 */
public record LabLateness(double effectsP95Seconds, double effectsMaxSeconds, double clockMaxSeconds) {
    /**
     * Beyond this (model seconds, 95th percentile of the effects) the run's timings are off by a
     * sizeable part of the window in which a reuse fails or not (the periodic GC period, 15 s by
     * default, and the resolver's 5 s tries).
     */
    public static final double STRETCHED_P95_SECONDS = 1.0;

    public boolean stretched() {
        return effectsP95Seconds > STRETCHED_P95_SECONDS;
    }

    public String describe() {
        return String.format(Locale.ROOT, "changes to the system began %.2f s late (95th percentile; worst %.2f s), "
                + "model events at most %.2f s late (model seconds)", effectsP95Seconds, effectsMaxSeconds,
                clockMaxSeconds);
    }
}
