package dev.sgplab.observe;

import java.util.List;

/**
 * One SGPP pod from creation to end, as the simulator, the lab and the cluster harness all record
 * it. Times are seconds from the start of the run; a time that never came is NaN. The workload
 * that made it (null where not known), whether its first start failed its lookups, and how often
 * the kubelet restarted its container; phase Running for a pod its controller deleted or that
 * still ran at the run's end.
 */
public record PodObservation(String name, String node, String ip, String mac, String eniId, double createdAt,
        double branchReadyAt, double firstLookupAt, double endedAt, String phase, double waitedForBranchSeconds,
        PreviousOwner previousOwner, List<TryObservation> tries, String workload, boolean startFailed,
        int containerRestarts) {
    public static final String SUCCEEDED = "Succeeded";
    public static final String ERROR = "Error";
    public static final String RUNNING = "Running";

    /** A churn pod whose workload is not recorded (a real cluster's test): a failed start is an Error pod. */
    public PodObservation(String name, String node, String ip, String mac, String eniId, double createdAt,
            double branchReadyAt, double firstLookupAt, double endedAt, String phase, double waitedForBranchSeconds,
            PreviousOwner previousOwner, List<TryObservation> tries) {
        this(name, node, ip, mac, eniId, createdAt, branchReadyAt, firstLookupAt, endedAt, phase, waitedForBranchSeconds,
                previousOwner, tries, null, ERROR.equals(phase), 0);
    }

    public boolean failed() {
        return ERROR.equals(phase);
    }
}
