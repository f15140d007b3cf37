package dev.sgplab.cluster.describe;

import dev.sgplab.guard.PodEniAnnotation;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pods created per owner over a window, as far as the Kubernetes API can tell. It cannot list pods
 * that are gone, so three partial sources are combined and the largest taken, labelled:
 * <ul>
 * <li>pods that still exist and were created in the window (exact, a lower bound);</li>
 * <li>Jobs that started in the window: their status counts every pod they made (succeeded + failed +
 * active), even deleted ones, as long as the Job object itself is kept;</li>
 * <li>the ReplicaSet and Job controllers' SuccessfulCreate events, one per pod, which the API server
 * keeps about an hour (kube-apiserver --event-ttl, default 1 h): counted over the span the events
 * cover and scaled to the window, an extrapolation that assumes the last hour is typical.</li>
 * </ul>
 * Bare pods leave no trace once deleted: for them only the first source counts.
 */
final class ChurnEstimate {
    /**
     * One owner's churn over the window.
     *
     * @param eventSpan    how far back the retained events reach (at most the window)
     * @param extrapolated the estimate is the events' count scaled from {@code eventSpan} to the window
     */
    record OwnerChurn(PodOwners.Owner owner, boolean sgpp, int podsNow, int createdStillExisting, int jobPods,
            int eventCreates, double estimate, String basis, Duration eventSpan, boolean extrapolated) {
    }

    private ChurnEstimate() {
    }

    static List<OwnerChurn> estimate(ClusterReadings readings, Instant now, Duration window) {
        PodOwners owners = new PodOwners(readings.replicaSets(), readings.jobs());
        Instant since = now.minus(window);
        Map<PodOwners.Owner, int[]> counts = new LinkedHashMap<>(); // podsNow, created, jobPods, events, sgpp
        for (Pod pod : readings.pods()) {
            PodOwners.Owner owner = owners.of(pod);
            if (owner.name().isEmpty() && isSgpp(pod)) { // bare SGPP pods apart from the plain ones
                owner = PodOwners.Owner.bareSgpp(owner.namespace());
            }
            int[] c = counts.computeIfAbsent(owner, o -> new int[5]);
            c[0]++;
            Instant created = Times.parse(pod.getMetadata().getCreationTimestamp());
            if (created != null && !created.isBefore(since)) {
                c[1]++;
            }
            if (isSgpp(pod)) {
                c[4] = 1;
            }
        }
        for (Job job : readings.jobs()) {
            Instant started = job.getStatus() == null ? null : Times.parse(job.getStatus().getStartTime());
            if (started != null && !started.isBefore(since)) {
                int[] c = counts.computeIfAbsent(owners.of(job), o -> new int[5]);
                c[2] += zeroIfNull(job.getStatus().getSucceeded()) + zeroIfNull(job.getStatus().getFailed())
                        + zeroIfNull(job.getStatus().getActive());
            }
        }
        Instant oldestEvent = now;
        for (Event event : readings.events()) {
            Instant at = Times.of(event);
            if (at != null && at.isBefore(oldestEvent)) {
                oldestEvent = at;
            }
            ObjectReference about = event.getInvolvedObject();
            if (at == null || at.isBefore(since) || !"SuccessfulCreate".equals(event.getReason()) || about == null
                    || !("ReplicaSet".equals(about.getKind()) || "Job".equals(about.getKind()))) {
                continue;
            }
            OwnerReference reference = new OwnerReference();
            reference.setKind(about.getKind());
            reference.setName(about.getName());
            counts.computeIfAbsent(owners.up(about.getNamespace(), reference), o -> new int[5])[3] +=
                    event.getCount() == null ? 1 : Math.max(1, event.getCount());
        }
        Duration horizon = Duration.between(oldestEvent.isBefore(since) ? since : oldestEvent, now);
        List<OwnerChurn> result = new ArrayList<>();
        counts.forEach((owner, c) -> result.add(churn(owner, c, horizon, window)));
        return result;
    }

    private static OwnerChurn churn(PodOwners.Owner owner, int[] c, Duration horizon, Duration window) {
        double extrapolated = horizon.isZero() ? 0 : c[3] * (double) window.toSeconds() / horizon.toSeconds();
        double estimate = c[1];
        boolean fromEvents = false;
        String basis = c[1] + " existing pods created in the window (a lower bound: deleted pods cannot be listed)";
        if (c[2] > estimate) {
            estimate = c[2];
            basis = "Job status (succeeded + failed + active) of its Jobs that started in the window";
        }
        if (extrapolated > estimate) {
            estimate = extrapolated;
            fromEvents = true;
            basis = String.format(java.util.Locale.ROOT, "extrapolated: %d SuccessfulCreate events in the %s the events "
                    + "cover, scaled to the window", c[3], Times.human(horizon));
        }
        return new OwnerChurn(owner, c[4] == 1, c[0], c[1], c[2], c[3], estimate, basis, horizon, fromEvents);
    }

    static boolean isSgpp(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        return annotations != null && !PodEniAnnotation.parse(annotations.get(PodEniAnnotation.KEY)).isEmpty();
    }

    private static int zeroIfNull(Integer value) {
        return value == null ? 0 : value;
    }
}
