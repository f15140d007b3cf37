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

    public boolean meets(double target) {
        return upper95 < target;
    }
}
