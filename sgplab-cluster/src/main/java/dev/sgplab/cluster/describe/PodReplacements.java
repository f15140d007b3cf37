package dev.sgplab.cluster.describe;

import java.time.Duration;
import java.util.Locale;

/**
 * A Deployment's pods created outside its rollouts (evictions, node drains and consolidation by
 * Karpenter or cluster-autoscaler, OOM kills that delete, deletes by hand, HPA scale-ups): each is a
 * new SGPP pod with a new branch ENI, as a rollout's are, but no new ReplicaSet records it.
 *
 * <p>What rollouts explain: each makes {@code replicas} new pods, and so does the Deployment's creation
 * when it fell in the window. The excess over the window is
 * <pre>
 *   excess = estimated pod starts (ChurnEstimate) - replicas x (rollouts + 1 if created in the window)
 * </pre>
 * and the scenario's {@code pod-replacement-interval} is the window / excess, as a Poisson process.
 *
 * <p>Written only when clearly positive: the excess is at least one pod, and at least
 * {@link #MIN_UNEXPLAINED} of the pods the estimate counted (not extrapolated) came with no new
 * ReplicaSet in the same span — for an estimate from events, the events less {@code replicas} per
 * ReplicaSet created within the span the events cover (a rollout in that hour would otherwise be
 * scaled to the whole window as if it were churn); for one from existing pods, those less
 * {@code replicas} per ReplicaSet created in the window.
 */
record PodReplacements(double excess, int unexplained, String why) {
    /** One unexplained pod may be a one-off (a single eviction, a scale-up): two make a process. */
    static final int MIN_UNEXPLAINED = 2;

    /**
     * @param rollouts             rollouts in the window (ReplicaSets created then, less its creation's)
     * @param createdInWindow      the Deployment itself was created in the window
     * @param replicaSetsInCounted ReplicaSets (its creation's included) created within the span the
     *                             estimate's count covers: the events' span, or the window
     */
    static PodReplacements of(ChurnEstimate.OwnerChurn churn, int replicas, int rollouts, boolean createdInWindow,
            int replicaSetsInCounted, Duration window) {
        int explainedRollouts = rollouts + (createdInWindow ? 1 : 0);
        double excess = churn.estimate() - (double) replicas * explainedRollouts;
        int counted = churn.extrapolated() ? churn.eventCreates() : churn.createdStillExisting();
        int unexplained = counted - replicas * replicaSetsInCounted;
        String span = churn.extrapolated() ? "the " + Times.human(churn.eventSpan()) + " the events cover"
                : "the window";
        String explainedBy = rollouts + (rollouts == 1 ? " rollout" : " rollouts") + (createdInWindow
                ? " + its creation" : "");
        String why = String.format(Locale.ROOT, "%s pod starts in %s (churn section: %s) - %d replicas x %d (%s) = %s "
                + "not explained by rollouts (evictions, drains, deletes); %d of the %d pods counted came with no new "
                + "ReplicaSet in %s", ScenarioText.number(round(churn.estimate())), Times.human(window), churn.basis(),
                replicas, explainedRollouts, explainedBy, ScenarioText.number(round(excess)), Math.max(0, unexplained),
                counted, span);
        return new PodReplacements(excess, unexplained, why);
    }

    boolean clearlyPositive() {
        return excess >= 1 && unexplained >= MIN_UNEXPLAINED;
    }

    /** The interval between replacements over the window, in seconds (rounded to 0.1 s). */
    double intervalSeconds(Duration window) {
        return Math.round(window.toSeconds() * 10.0 / excess) / 10.0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
