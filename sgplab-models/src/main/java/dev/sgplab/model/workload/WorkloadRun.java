package dev.sgplab.model.workload;

import dev.sgplab.engine.RandomStreams;
import dev.sgplab.engine.Scheduler;
import dev.sgplab.engine.Time;
import dev.sgplab.observe.WorkloadObservation;
import java.util.random.RandomGenerator;

/**
 * One workload during a run: the Kubernetes controller that makes its pods (a Deployment's, a
 * Job's, ...) and what it does when a pod's container exits after a failed lookup. Counts what
 * its pods went through for {@link WorkloadObservation}.
 */
abstract class WorkloadRun {
    private final WorkloadSpec spec;
    final SgppPods pods;
    final Scheduler scheduler;
    private final RandomStreams streams;
    final RandomGenerator startRandom;
    final RandomGenerator retryRandom;
    int created;
    int failedStarts;
    /** Containers' first starts that passed their lookups; with failedStarts, the starts decided. */
    private int succeededStarts;
    int errorPods;
    int restarts;
    int processRetries;
    private int delayedStarts;
    private double extraSum;
    private double extraMax;
    /** The workload's time is up (its {@code runFor}): it makes no more pods. */
    boolean timeUp;

    WorkloadRun(WorkloadSpec spec, SgppPods pods, Scheduler scheduler, RandomStreams streams) {
        this.spec = spec;
        this.pods = pods;
        this.scheduler = scheduler;
        this.streams = streams;
        this.startRandom = stream("start");
        this.retryRandom = stream("process-retry");
    }

    /** The workload's own random stream for {@code component} ("PREFIX/component": adding one shifts no other's). */
    final RandomGenerator stream(String component) {
        return streams.stream(template().randomPrefix() + "/" + component);
    }

    static WorkloadRun of(WorkloadSpec spec, SgppPods pods, Scheduler scheduler, RandomStreams streams) {
        if (spec instanceof WorkloadSpec.ChurnTest churn) {
            return new ChurnTestRun(churn, pods, scheduler, streams);
        }
        if (spec instanceof WorkloadSpec.Deployment deployment) {
            return new DeploymentRun(deployment, pods, scheduler, streams);
        }
        if (spec instanceof WorkloadSpec.Job job) {
            return new JobRun(job, pods, scheduler, streams);
        }
        return new SteadyRun((WorkloadSpec.Steady) spec, pods, scheduler, streams);
    }

    final WorkloadSpec spec() {
        return spec;
    }

    final PodTemplate template() {
        return spec().pods();
    }

    abstract void start();

    /** Nothing more to do for the run's end (its pods ended, or its time is up). */
    boolean finished() {
        return timeUp;
    }

    /** Pods it will make in all, when known in advance; else -1. */
    int plannedPods() {
        return -1;
    }

    /** A new pod of this workload (not yet submitted). */
    WorkloadPod newPod(String name, int revision) {
        created++;
        return pods.newPod(this, name, revision);
    }

    /** The pod's lookups succeeded: its container runs (ready). */
    final void ready(WorkloadPod pod) {
        if (!pod.startFailed) { // a container is ready once per start, and restarts only after a failed one
            succeededStarts++;
        }
        if (pod.sequenceStartedAt > pod.firstLookupAt) {
            double extra = Time.toSeconds(pod.sequenceStartedAt - pod.firstLookupAt);
            delayedStarts++;
            extraSum += extra;
            extraMax = Math.max(extraMax, extra);
        }
        onReady(pod);
    }

    abstract void onReady(WorkloadPod pod);

    /** The pod's container exited after its lookups failed (the process gave up). */
    abstract void containerExited(WorkloadPod pod);

    /** The pod ended (any way). */
    void ended(WorkloadPod pod) {
    }

    WorkloadObservation observation() {
        JobCounts j = jobCounts();
        DeploymentCounts d = deploymentCounts();
        return new WorkloadObservation(template().workload(), spec().kind(), created, failedStarts, errorPods,
                restarts, processRetries, delayedStarts, delayedStarts == 0 ? 0 : extraSum / delayedStarts, extraMax,
                j.started(), j.failed(), d.rollouts(), d.completed(), d.stalled(), d.meanSeconds(), d.maxSeconds(),
                d.podReplacements(), succeededStarts);
    }

    /** Jobs started and failed (Jobs and CronJobs; none for other kinds). */
    record JobCounts(int started, int failed) {
        static final JobCounts NONE = new JobCounts(0, 0);
    }

    /**
     * A Deployment's rollouts (begun, completed, stalled, the completed ones' mean and longest time) and
     * its pods replaced outside rollouts; none for other kinds.
     */
    record DeploymentCounts(int rollouts, int completed, int stalled, double meanSeconds, double maxSeconds,
            int podReplacements) {
        static final DeploymentCounts NONE = new DeploymentCounts(0, 0, 0, 0, 0, 0);
    }

    JobCounts jobCounts() {
        return JobCounts.NONE;
    }

    DeploymentCounts deploymentCounts() {
        return DeploymentCounts.NONE;
    }

    /** A pod name like Kubernetes' own: the workload's name, a dash, a number. */
    String podName(String suffix) {
        return template().workload() + "-" + suffix;
    }

    /** At {@code runFor} seconds into the run the workload's time is up. */
    void endAt(double runFor) {
        scheduler.scheduleAt(Time.seconds(runFor), () -> timeUp = true);
    }

    /**
     * Runs {@code action} after a gap drawn from {@code interval} (a Poisson process when exponential),
     * unless that falls at or past {@code runFor}: the workload makes no more pods then.
     */
    void scheduleWithin(double runFor, dev.sgplab.model.dist.Distribution interval, RandomGenerator random,
            Runnable action) {
        long at = scheduler.now() + Time.seconds(interval.sample(random));
        if (at < Time.seconds(runFor)) {
            scheduler.scheduleAt(at, action);
        }
    }
}
