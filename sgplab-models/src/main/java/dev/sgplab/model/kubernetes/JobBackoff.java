package dev.sgplab.model.kubernetes;

/**
 * The Job controller's handling of failed pods (restartPolicy Never), as the Kubernetes
 * documentation states it (concepts/workloads/controllers/job, "Pod backoff failure policy"):
 * a failed pod is replaced after 10 s, 20 s, 40 s, ... capped at six minutes; the Job fails
 * (reason BackoffLimitExceeded) once more pods failed than {@code backoffLimit} (default 6).
 */
public record JobBackoff(int backoffLimit) {
    public static final int DEFAULT_BACKOFF_LIMIT = 6;
    public static final double INITIAL_SECONDS = 10;
    public static final double MAX_SECONDS = 360;

    public JobBackoff {
        if (backoffLimit < 0) {
            throw new IllegalArgumentException("backoffLimit must not be negative, got " + backoffLimit);
        }
    }

    /** After {@code failedPods} failures the Job has failed. */
    public boolean exceeded(int failedPods) {
        return failedPods > backoffLimit;
    }

    /** Seconds before the replacement of the {@code failedPods}-th failed pod is created. */
    public static double delay(int failedPods) {
        if (failedPods < 1) {
            return 0;
        }
        return failedPods > 16 ? MAX_SECONDS : Math.min(MAX_SECONDS, INITIAL_SECONDS * Math.pow(2, failedPods - 1));
    }
}
