package dev.sgplab.model.workload;

import dev.sgplab.engine.RandomStreams;
import dev.sgplab.engine.Scheduler;
import dev.sgplab.engine.Time;
import dev.sgplab.model.kubernetes.RollingUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A Deployment with the RollingUpdate strategy: created with its replicas at the run's start, then
 * updated every {@code rolloutInterval} (a new revision: new pods replace the old ones within
 * maxSurge and maxUnavailable, {@link RollingUpdate}). A pod is available once its lookups
 * succeeded (minReadySeconds 0, no readiness probe beyond the process being up); a container
 * whose lookups failed exits and is restarted by the kubelet after its CrashLoopBackOff delay,
 * so a failed lookup holds a rollout back. The controller syncs at every change of its pods.
 *
 * <p>Deviation: a deleted pod gives its branch ENI back at once (terminationGracePeriodSeconds 0).
 */
final class DeploymentRun extends WorkloadRun {
    private final WorkloadSpec.Deployment spec;
    private final RandomGenerator rolloutRandom;
    /** The pods the ReplicaSets count (not deleted), oldest first. */
    private final List<WorkloadPod> live = new ArrayList<>();
    private int revision;
    private boolean inProgress;
    private boolean creation;
    private long rolloutStartedAt;
    private boolean timeUp;
    private int rollouts;
    private int completed;
    private int stalled;
    private double rolloutSum;
    private double rolloutMax;
    private int podNumber;

    DeploymentRun(WorkloadSpec.Deployment spec, SgppPods pods, Scheduler scheduler, RandomStreams streams) {
        super(spec, pods, scheduler, streams);
        this.spec = spec;
        this.rolloutRandom = streams.stream(spec.pods().randomPrefix() + "/rollout");
    }

    @Override
    void start() {
        revision = 1;
        creation = true;
        inProgress = true;
        rolloutStartedAt = scheduler.now();
        endAt(spec.runFor(), () -> timeUp = true);
        sync();
        scheduleNextRollout();
    }

    private void scheduleNextRollout() {
        long at = scheduler.now() + Time.seconds(spec.rolloutInterval().sample(rolloutRandom));
        if (at < Time.seconds(spec.runFor())) {
            scheduler.scheduleAt(at, this::rollout);
        }
    }

    /** A new revision of the pod template (kubectl set image, a new ConfigMap hash, ...). */
    private void rollout() {
        revision++;
        rollouts++;
        creation = false;
        inProgress = true;
        rolloutStartedAt = scheduler.now();
        int thisRevision = revision;
        scheduler.scheduleAfter(Time.seconds(spec.progressDeadline()), () -> {
            if (inProgress && revision == thisRevision) {
                stalled++; // Progressing=False, reason ProgressDeadlineExceeded
            }
        });
        sync();
        scheduleNextRollout();
    }

    /** The controller's syncs until nothing changes (each scale-up or scale-down triggers the next). */
    private void sync() {
        RollingUpdate update = spec.strategy();
        while (true) {
            int all = live.size();
            int newPods = 0;
            int newAvailable = 0;
            int oldAvailable = 0;
            for (WorkloadPod pod : live) {
                boolean current = pod.revision == revision;
                newPods += current ? 1 : 0;
                newAvailable += current && pod.ready() ? 1 : 0;
                oldAvailable += !current && pod.ready() ? 1 : 0;
            }
            int oldUnavailable = all - newPods - oldAvailable;
            int create = update.newPodsToCreate(all, newPods);
            if (create > 0) {
                for (int i = 0; i < create; i++) {
                    WorkloadPod pod = newPod(podName(revision + "-" + (++podNumber)), revision);
                    live.add(pod);
                    pods.submit(pod);
                }
                continue;
            }
            int unhealthy = update.unhealthyOldPodsToDelete(all, newPods - newAvailable, oldUnavailable);
            int available = update.availableOldPodsToDelete(all, newPods - newAvailable,
                    newAvailable + oldAvailable, oldAvailable);
            if (unhealthy + available == 0) {
                break;
            }
            deleteOld(false, unhealthy);
            deleteOld(true, available);
        }
        if (inProgress && live.size() == spec.strategy().replicas()
                && live.stream().allMatch(p -> p.revision == revision && p.ready())) {
            inProgress = false;
            if (!creation) {
                double took = Time.toSeconds(scheduler.now() - rolloutStartedAt);
                completed++;
                rolloutSum += took;
                rolloutMax = Math.max(rolloutMax, took);
            }
        }
    }

    /** Deletes the oldest old pods that are (or are not) available. */
    private void deleteOld(boolean available, int count) {
        List<WorkloadPod> chosen = new ArrayList<>(count);
        for (WorkloadPod pod : live) {
            if (chosen.size() == count) {
                break;
            }
            if (pod.revision != revision && pod.ready() == available) {
                chosen.add(pod);
            }
        }
        live.removeAll(chosen);
        chosen.forEach(pods::delete);
    }

    @Override
    void onReady(WorkloadPod pod) {
        sync();
    }

    @Override
    void containerExited(WorkloadPod pod) {
        pods.restartContainer(pod);
    }

    @Override
    boolean finished() {
        return timeUp;
    }

    @Override
    int rollouts() {
        return rollouts;
    }

    @Override
    int rolloutsCompleted() {
        return completed;
    }

    @Override
    int rolloutsStalled() {
        return stalled;
    }

    @Override
    double rolloutMean() {
        return completed == 0 ? 0 : rolloutSum / completed;
    }

    @Override
    double rolloutMax() {
        return rolloutMax;
    }
}
