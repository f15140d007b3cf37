package dev.sgplab.observe;

import java.util.List;

/**
 * What one run of the churn test showed: the counts every backend reports, and the pods in detail.
 * Reuse gaps are in seconds (previous owner's end to the new owner's branch ENI being ready).
 */
public record RunObservations(String scenario, long seed, double cooldownSeconds, int pods, int errorPods,
        int ipReuses, List<Double> reuseGapsSeconds, int podsWaitedForBranch, int maxDeleteQueue,
        double durationSeconds, long events, List<PodObservation> podDetails) {
}
