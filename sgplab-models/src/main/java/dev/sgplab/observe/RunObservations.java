package dev.sgplab.observe;

import dev.sgplab.model.neighbour.GcActivity;
import java.util.List;

/**
 * What one run of the churn test showed: the counts every backend reports, and the pods in detail.
 * Reuse gaps are in seconds (previous owner's end to the new owner's branch ENI being ready), as
 * streaming statistics ({@link ReuseGapStats}; the list of every gap only when kept). The capacity
 * cost of the cooldown: branch ENIs held in the nodes' delete queues ({@code maxDeleteQueue}: the
 * largest queue seen on one node; {@code meanDeleteQueue}: the sum over all nodes, time-averaged),
 * pods that waited for a branch ENI, and the mean wait per pod (extra start latency).
 * Per CoreDNS node, how much of the run periodic GC was active ({@link GcActivity}; empty where the
 * backend cannot see it, e.g. a real cluster). Per workload of the scenario, what its pods went
 * through in Kubernetes' terms ({@link WorkloadObservation}; empty where the backend has none).
 */
public record RunObservations(String scenario, long seed, double cooldownSeconds, int pods, int errorPods,
        int ipReuses, ReuseGapStats reuseGaps, int podsWaitedForBranch, int maxDeleteQueue,
        double meanDeleteQueue, double meanBranchWaitSeconds, double durationSeconds, long events,
        List<PodObservation> podDetails, List<GcActivity> gcActivity, List<WorkloadObservation> workloads) {

    /** Without per-workload results (a real cluster's churn, older callers). */
    public RunObservations(String scenario, long seed, double cooldownSeconds, int pods, int errorPods,
            int ipReuses, ReuseGapStats reuseGaps, int podsWaitedForBranch, int maxDeleteQueue,
            double meanDeleteQueue, double meanBranchWaitSeconds, double durationSeconds, long events,
            List<PodObservation> podDetails, List<GcActivity> gcActivity) {
        this(scenario, seed, cooldownSeconds, pods, errorPods, ipReuses, reuseGaps, podsWaitedForBranch,
                maxDeleteQueue, meanDeleteQueue, meanBranchWaitSeconds, durationSeconds, events, podDetails,
                gcActivity, List.of());
    }

    /** Without GC activity: a backend that cannot see the nodes' tables. */
    public RunObservations(String scenario, long seed, double cooldownSeconds, int pods, int errorPods,
            int ipReuses, ReuseGapStats reuseGaps, int podsWaitedForBranch, int maxDeleteQueue,
            double meanDeleteQueue, double meanBranchWaitSeconds, double durationSeconds, long events,
            List<PodObservation> podDetails) {
        this(scenario, seed, cooldownSeconds, pods, errorPods, ipReuses, reuseGaps, podsWaitedForBranch,
                maxDeleteQueue, meanDeleteQueue, meanBranchWaitSeconds, durationSeconds, events, podDetails, List.of());
    }

    /** With every reuse gap known (the lab, a real cluster): exact statistics. */
    public RunObservations(String scenario, long seed, double cooldownSeconds, int pods, int errorPods,
            int ipReuses, List<Double> reuseGapsSeconds, int podsWaitedForBranch, int maxDeleteQueue,
            double meanDeleteQueue, double meanBranchWaitSeconds, double durationSeconds, long events,
            List<PodObservation> podDetails) {
        this(scenario, seed, cooldownSeconds, pods, errorPods, ipReuses, ReuseGapStats.of(reuseGapsSeconds),
                podsWaitedForBranch, maxDeleteQueue, meanDeleteQueue, meanBranchWaitSeconds, durationSeconds, events,
                podDetails, List.of());
    }

    public RunObservations withGcActivity(List<GcActivity> activity) {
        return new RunObservations(scenario, seed, cooldownSeconds, pods, errorPods, ipReuses, reuseGaps,
                podsWaitedForBranch, maxDeleteQueue, meanDeleteQueue, meanBranchWaitSeconds, durationSeconds, events,
                podDetails, List.copyOf(activity), workloads);
    }

    /** The run's counts and GC activity with {@code gaps} for its gap statistics: no pod details, no per-workload results. */
    public RunObservations countsWith(ReuseGapStats gaps) {
        return new RunObservations(scenario, seed, cooldownSeconds, pods, errorPods, ipReuses, gaps,
                podsWaitedForBranch, maxDeleteQueue, meanDeleteQueue, meanBranchWaitSeconds, durationSeconds, events,
                List.of(), gcActivity, List.of());
    }

    public RunObservations withWorkloads(List<WorkloadObservation> results) {
        return new RunObservations(scenario, seed, cooldownSeconds, pods, errorPods, ipReuses, reuseGaps,
                podsWaitedForBranch, maxDeleteQueue, meanDeleteQueue, meanBranchWaitSeconds, durationSeconds, events,
                podDetails, gcActivity, List.copyOf(results));
    }

    /** Every reuse gap in the order seen, while all are known ({@link ReuseGapStats#all()}); otherwise empty. */
    public List<Double> reuseGapsSeconds() {
        List<Double> all = reuseGaps.all();
        return all == null ? List.of() : all;
    }
}
