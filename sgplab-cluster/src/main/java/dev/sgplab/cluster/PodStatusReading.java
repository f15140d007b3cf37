package dev.sgplab.cluster;

import dev.sgplab.observe.PodObservation;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;

/**
 * What kubectl's STATUS column would say of an ended churn pod: Succeeded, Error (a container
 * exited non-zero: the lookup failed), or another reason (OOMKilled, Evicted, ...), which the
 * report's count of Error pods leaves out as it did.
 */
final class PodStatusReading {
    private PodStatusReading() {
    }

    /** The pod's end status, or null while it has not ended. */
    static String endStatus(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase)) {
            return PodObservation.SUCCEEDED;
        }
        if (!"Failed".equals(phase)) {
            return null;
        }
        ContainerStateTerminated terminated = terminated(pod);
        if (terminated != null) {
            if (terminated.getReason() != null && !terminated.getReason().isBlank()) {
                return terminated.getReason();
            }
            if (terminated.getExitCode() != null && terminated.getExitCode() != 0) {
                return PodObservation.ERROR;
            }
        }
        String reason = pod.getStatus().getReason();
        return reason == null || reason.isBlank() ? "Failed" : reason;
    }

    /** Seconds the container ran (the kubelet's startedAt to finishedAt, whole seconds), or NaN. */
    static double containerRunSeconds(Pod pod) {
        ContainerStateTerminated terminated = terminated(pod);
        if (terminated == null || terminated.getStartedAt() == null || terminated.getFinishedAt() == null) {
            return Double.NaN;
        }
        try {
            return Duration.between(Instant.parse(terminated.getStartedAt()), Instant.parse(terminated.getFinishedAt()))
                    .toMillis() / 1000.0;
        } catch (java.time.format.DateTimeParseException e) {
            return Double.NaN;
        }
    }

    private static ContainerStateTerminated terminated(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
            if (status.getState() != null && status.getState().getTerminated() != null) {
                return status.getState().getTerminated();
            }
        }
        return null;
    }
}
