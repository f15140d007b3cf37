package dev.sgplab.model.kubernetes;

/**
 * The kubelet's restart back-off for a container that exits (restartPolicy Always or OnFailure),
 * as the Kubernetes documentation states it (concepts/workloads/pods/pod-lifecycle, "Container
 * restarts"): restarts after 10 s, 20 s, 40 s, ... capped at 300 s; a container that has run
 * 10 minutes without a problem has its back-off reset.
 *
 * <p>Deviation: the kubelet (pkg/kubelet/kuberuntime, flowcontrol.Backoff) starts the first
 * restart at its next sync and applies 10 s from the second; the documented sequence is used, so
 * the first restart waits 10 s.
 */
public final class CrashLoopBackOff {
    public static final double INITIAL_SECONDS = 10;
    public static final double MAX_SECONDS = 300;
    public static final double RESET_AFTER_SECONDS = 600;

    private int exits;

    /** The container exited after running {@code ranSeconds}: the delay before its restart, in seconds. */
    public double exited(double ranSeconds) {
        if (ranSeconds >= RESET_AFTER_SECONDS) {
            exits = 0;
        }
        exits++;
        return delay(exits);
    }

    /** The delay before the restart that follows the {@code n}-th exit in a row (1-based). */
    public static double delay(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("exit number must be at least 1, got " + n);
        }
        return n > 16 ? MAX_SECONDS : Math.min(MAX_SECONDS, INITIAL_SECONDS * Math.pow(2, n - 1));
    }
}
