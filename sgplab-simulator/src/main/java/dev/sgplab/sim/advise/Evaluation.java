package dev.sgplab.sim.advise;

import dev.sgplab.sim.GcSummary;
import java.util.List;

/**
 * A scenario variant over N replications: the Error rate with its two-sided 95 % Clopper-Pearson
 * interval and one-sided 95 % upper bound (decided pod starts as trials: {@code pods} counts those); the same in the operator's units, failed
 * pod starts per day at the workloads' rates; the capacity cost of its cooldown; and, per CoreDNS
 * node, how much of the runs its periodic GC scanned (the regime the answer rests on).
 */
public record Evaluation(double cooldownSeconds, int pods, int errorPods, double errorRate, double low, double high,
        double upper95, PerDay perDay, Capacity capacity, List<GcSummary> corednsGc) {

    /**
     * Failed pod starts per day: each workload's Error rate per pod start (and its interval) times
     * its pod starts per day; the total sums them (with one workload its interval is that workload's;
     * with several, the sum of their bounds, which is wider than the joint interval).
     */
    public record PerDay(double podStarts, double failed, double failedLow, double failedHigh, double failedUpper95,
            List<WorkloadDay> workloads) {
    }

    /**
     * One workload's share: its pods and Error pods over all runs, and per day; {@code decidedStarts}
     * the starts that failed or passed their lookups (the Error rate's trials: a pod deleted while its
     * lookups were still running neither failed nor passed).
     */
    public record WorkloadDay(String workload, double podStarts, int pods, int errorPods, double failed,
            double failedLow, double failedHigh, double failedUpper95, int decidedStarts) {
    }

    /**
     * The cost per run, each name saying whether it is a time average or a peak, per node or summed:
     * branch ENIs held in the nodes' delete queues during the cooldown (they count against the node's
     * branch ENI limit), pods that waited for a branch ENI, and how long — per pod started (the extra
     * start latency on average) and per pod that waited. Per day: the waiting pods at the workloads'
     * rates.
     */
    public record Capacity(int nodes, int branchEniLimitPerNode, double branchEnisInCooldownAllNodesTimeAverage,
            double branchEnisInCooldownPerNodeTimeAverage, int branchEnisInCooldownOneNodePeak,
            double podsWaitedForBranchPerRun, double podsWaitingForBranchPerDay, double branchWaitSecondsPerPodStarted,
            double branchWaitSecondsPerPodThatWaited) {
    }

    /** The z of a one-sided test at 5 %: above it, a lower rate is not chance. */
    static final double Z_ONE_SIDED_95 = 1.6448536269514722;

    public boolean meets(double target) {
        return upper95 < target;
    }

    /**
     * Whether this rate is distinguishably below {@code other}'s: a one-sided pooled two-proportion
     * z-test at 5 % with decided starts as trials (as the intervals treat them). Equal rates, and two runs
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
