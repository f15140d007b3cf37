package dev.sgplab.observe;

import java.util.List;

/**
 * One churn pod from creation to end, as the simulator, the lab and the cluster harness all record
 * it. Times are seconds from the start of the run; a time that never came is NaN.
 */
public record PodObservation(String name, String node, String ip, String mac, String eniId, double createdAt,
        double branchReadyAt, double firstLookupAt, double endedAt, String phase, double waitedForBranchSeconds,
        PreviousOwner previousOwner, List<TryObservation> tries) {
    public static final String SUCCEEDED = "Succeeded";
    public static final String ERROR = "Error";

    public boolean failed() {
        return ERROR.equals(phase);
    }
}
