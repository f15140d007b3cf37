package dev.sgplab.sim.advise;

/**
 * A scenario variant over N replications: the Error rate with its two-sided 95 % Clopper-Pearson
 * interval and one-sided 95 % upper bound (pods as trials), and the capacity cost of its cooldown.
 */
public record Evaluation(double cooldownSeconds, int pods, int errorPods, double errorRate, double low, double high,
        double upper95, Capacity capacity) {

    /** Per run: ENIs held in delete queues (time average), pods that waited, wait per pod in seconds. */
    public record Capacity(double meanDeleteQueue, double podsWaitedForBranch, double meanBranchWaitSeconds) {
    }

    /** The z of a one-sided test at 5 %: above it, a lower rate is not chance. */
    static final double Z_ONE_SIDED_95 = 1.6448536269514722;

    public boolean meets(double target) {
        return upper95 < target;
    }

    /**
     * Whether this rate is distinguishably below {@code other}'s: a one-sided pooled two-proportion
     * z-test at 5 % with pods as trials (as the intervals treat them). Equal rates, and two runs
     * without errors, are not distinguishable.
     */
    public boolean distinguishablyBelow(Evaluation other) {
        int trials = pods + other.pods;
        double pooled = (double) (errorPods + other.errorPods) / trials;
        if (pooled == 0 || pooled == 1) {
            return false;
        }
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / pods + 1.0 / other.pods));
        return (other.errorRate - errorRate) / se > Z_ONE_SIDED_95;
    }
}
