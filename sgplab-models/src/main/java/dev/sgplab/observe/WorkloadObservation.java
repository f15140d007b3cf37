package dev.sgplab.observe;

/**
 * What one workload of a run went through, in Kubernetes' terms; counts only, so a run's memory
 * does not grow with its pods. Times are seconds; a mean or maximum with nothing to average is 0.
 *
 * @param failedPodStarts         pods whose container's first start failed its lookups (each pod once)
 * @param errorPods               pods that ended phase Failed, reason Error
 * @param containerRestarts       restarts of exited containers by the kubelet (CrashLoopBackOff)
 * @param processRetries          lookups the pods' processes retried on their own before giving up or succeeding
 * @param delayedStarts           pods that became ready only after a failed lookup (a retry or a restart)
 * @param extraStartLatencyMean   for those, the mean time from the first lookup to the start of the one that
 *                                succeeded
 * @param jobs                    Jobs started (job, cronjob); 0 for other kinds
 * @param jobsFailed              Jobs that failed: more failed pods than backoffLimit (BackoffLimitExceeded)
 * @param rollouts                rolling updates begun after the Deployment's creation
 * @param rolloutsCompleted       of those, completed within the run
 * @param rolloutsStalled         of those, not complete by progressDeadlineSeconds (ProgressDeadlineExceeded)
 * @param rolloutMeanSeconds      mean time from a rollout's start to all new pods available and no old pod left
 * @param podReplacements         pods deleted outside a rollout (evictions, drains, ...) that the ReplicaSet
 *                                replaced with a new pod (Deployments with pod-replacement-interval); 0 otherwise
 * @param succeededPodStarts      pods whose container's first start passed its lookups (at once or by the
 *                                process's own retries). With {@code failedPodStarts} these are the decided
 *                                starts: a pod deleted before its lookups ended (a replacement, a rollout) or
 *                                still in them when the run ended is neither, and is no trial of the Error rate
 */
public record WorkloadObservation(String name, String kind, int pods, int failedPodStarts, int errorPods,
        int containerRestarts, int processRetries, int delayedStarts, double extraStartLatencyMean,
        double extraStartLatencyMax, int jobs, int jobsFailed, int rollouts, int rolloutsCompleted, int rolloutsStalled,
        double rolloutMeanSeconds, double rolloutMaxSeconds, int podReplacements, int succeededPodStarts) {
}
