package dev.sgplab.cluster.describe;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** How long finished pods ran: from their first container's start to their last container's finish. */
final class RunTimes {
    record Median(double seconds, int pods) {
    }

    private RunTimes() {
    }

    /** The median run time of the finished pods among these; null when none has both times. */
    static Median median(List<Pod> pods) {
        List<Double> seconds = new ArrayList<>();
        for (Pod pod : pods) {
            if (!ClusterDescriber.finished(pod) || pod.getStatus().getContainerStatuses() == null) {
                continue;
            }
            Instant first = null;
            Instant last = null;
            for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
                var terminated = status.getState() == null ? null : status.getState().getTerminated();
                Instant started = terminated == null ? null : Times.parse(terminated.getStartedAt());
                Instant finished = terminated == null ? null : Times.parse(terminated.getFinishedAt());
                if (started != null && finished != null) {
                    first = first == null || started.isBefore(first) ? started : first;
                    last = last == null || finished.isAfter(last) ? finished : last;
                }
            }
            if (first != null && !last.isBefore(first)) {
                seconds.add(Duration.between(first, last).toMillis() / 1000.0);
            }
        }
        if (seconds.isEmpty()) {
            return null;
        }
        seconds.sort(null);
        int n = seconds.size();
        double median = n % 2 == 1 ? seconds.get(n / 2) : (seconds.get(n / 2 - 1) + seconds.get(n / 2)) / 2;
        return new Median(median, n);
    }
}
