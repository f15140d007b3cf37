package dev.sgplab.model.controller;

import dev.sgplab.engine.Time;

/**
 * The branch ENI cooldown: how long a deleted pod's branch ENI (and so its IP) is kept before it
 * may be deleted.
 *
 * <p>Source: aws/amazon-vpc-resource-controller-k8s pkg/provider/branch/cooldown/cooldown.go —
 * key {@code branch-eni-cooldown} in ConfigMap kube-system/amazon-vpc-cni, integer seconds
 * (strconv.Atoi); missing or unparsable gives DefaultCoolDownPeriod (60 s); GetCoolDownPeriod()
 * returns MinimalCoolDownPeriod (30 s) for anything below it. Before PR #342 it was a fixed 30 s.
 */
public final class Cooldown {
    public static final String CONFIG_MAP_KEY = "branch-eni-cooldown";
    public static final long DEFAULT_PERIOD = Time.seconds(60);
    public static final long MINIMAL_PERIOD = Time.seconds(30);

    private final long configured;

    private Cooldown(long configured) {
        this.configured = configured;
    }

    public static Cooldown ofSeconds(long seconds) {
        return new Cooldown(Time.seconds(seconds));
    }

    /** What the controller reads from the ConfigMap value, with the warning it would log. */
    public record Parsed(Cooldown cooldown, String warning) {
    }

    public static Parsed fromConfigMapValue(String value) {
        if (value == null) {
            return new Parsed(new Cooldown(DEFAULT_PERIOD), null);
        }
        long seconds;
        try {
            seconds = atoi(value);
        } catch (NumberFormatException e) {
            return new Parsed(new Cooldown(DEFAULT_PERIOD), "failed to parse " + CONFIG_MAP_KEY + " '" + value
                    + "': the controller uses the default 60 s");
        }
        Cooldown cooldown = new Cooldown(Time.seconds(seconds));
        String warning = cooldown.configured < MINIMAL_PERIOD
                ? CONFIG_MAP_KEY + " " + seconds + " s is below the controller's minimum: it uses 30 s"
                : null;
        return new Parsed(cooldown, warning);
    }

    /**
     * The period a running controller is known to use after reading this value, in seconds, or -1
     * when the value tells nothing: a missing or unparsable key leaves the controller's current
     * period as it was (GetVpcCniConfigMapCoolDownPeriodOrDefault's error path; the default 60 s
     * applies only when the controller starts).
     */
    public static long knownPeriodSecondsAfterReading(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Math.round(Time.toSeconds(new Cooldown(Time.seconds(atoi(value))).period()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Go's strconv.Atoi: optional sign, decimal digits, nothing else (no spaces). */
    private static long atoi(String value) {
        if (value.isEmpty() || !value.matches("[+-]?[0-9]+")) {
            throw new NumberFormatException(value);
        }
        return Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
    }

    /** GetCoolDownPeriod(). */
    public long period() {
        return Math.max(configured, MINIMAL_PERIOD);
    }

    public long configured() {
        return configured;
    }

    public double periodSeconds() {
        return Time.toSeconds(period());
    }
}
