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
 * <p>Pods replaced outside rollouts ({@code podReplacementInterval}: evictions, node drains and
 * consolidation, deletes by hand): at each such time one live pod, drawn uniformly from the stream
 * "PREFIX/pod-replacement", is deleted and the ReplicaSet that owned it (the pod's revision) creates
 * its replacement at once, a new pod with a new branch ENI; then the Deployment controller syncs, as
 * after any change of its pods. A replacement is no rollout and is counted apart.
 *
 * <p>Deviation: a deleted pod gives its branch ENI back at once (terminationGracePeriodSeconds 0).
 * Which pod an eviction or a drain hits is not the Deployment's choice and is not modelled beyond
 * "any live pod, equally likely" (a named random stream).
 */
final class DeploymentRun extends WorkloadRun {
    private final WorkloadSpec.Deployment spec;
    private final RandomGenerator rolloutRandom;
    /** Only a Deployment with pod replacements draws from it (so no other run's draws move). */
    private final RandomGenerator replacementRandom;
    /** The pods the ReplicaSets count (not deleted), oldest first. */
    private final List<WorkloadPod> live = new ArrayList<>();
    private int revision;
    private boolean inProgress;
    private boolean creation;
    private long rolloutStartedAt;
    private int rollouts;
    private int completed;
    private int stalled;
    private double rolloutSum;
    private double rolloutMax;
    private int replacements;
    private int podNumber;

    DeploymentRun(WorkloadSpec.Deployment spec, SgppPods pods, Scheduler scheduler, RandomStreams streams) {
        super(spec, pods, scheduler, streams);
        this.spec = spec;
        this.rolloutRandom = stream("rollout");
        this.replacementRandom = spec.podReplacementInterval() == null ? null : stream("pod-replacement");
    }

    @Override
    void start() {
        revision = 1;
        creation = true;
        inProgress = true;
        rolloutStartedAt = scheduler.now();
        endAt(spec.runFor());
        sync();
        scheduleWithin(spec.runFor(), spec.rolloutInterval(), rolloutRandom, this::rollout);
        if (replacementRandom != null) {
            scheduleWithin(spec.runFor(), spec.podReplacementInterval(), replacementRandom, this::replacePod);
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
        scheduleWithin(spec.runFor(), spec.rolloutInterval(), rolloutRandom, this::rollout);
    }

    /** One live pod is deleted from outside (an eviction, a drain, ...); its ReplicaSet replaces it. */
    private void replacePod() {
        if (!live.isEmpty()) {
            WorkloadPod gone = live.remove(replacementRandom.nextInt(live.size()));
            pods.delete(gone);
            replacements++;
            WorkloadPod replacement = newPod(podName(gone.revision + "-" + (++podNumber)), gone.revision);
            live.add(replacement);
            pods.submit(replacement);
            sync();
        }
        scheduleWithin(spec.runFor(), spec.podReplacementInterval(), replacementRandom, this::replacePod);
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
    DeploymentCounts deploymentCounts() {
        return new DeploymentCounts(rollouts, completed, stalled, completed == 0 ? 0 : rolloutSum / completed,
                rolloutMax, replacements);
    }
}
