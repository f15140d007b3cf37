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
    final RandomGenerator startRandom;
    final RandomGenerator retryRandom;
    int created;
    int failedStarts;
    int errorPods;
    int restarts;
    int processRetries;
    private int delayedStarts;
    private double extraSum;
    private double extraMax;

    WorkloadRun(WorkloadSpec spec, SgppPods pods, Scheduler scheduler, RandomStreams streams) {
        this.spec = spec;
        this.pods = pods;
        this.scheduler = scheduler;
        this.startRandom = streams.stream(template().randomPrefix() + "/start");
        this.retryRandom = streams.stream(template().randomPrefix() + "/process-retry");
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
    abstract boolean finished();

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
        return new WorkloadObservation(template().workload(), spec().kind(), created, failedStarts, errorPods,
                restarts, processRetries, delayedStarts, delayedStarts == 0 ? 0 : extraSum / delayedStarts, extraMax,
                jobs(), jobsFailed(), rollouts(), rolloutsCompleted(), rolloutsStalled(), rolloutMean(), rolloutMax());
    }

    int jobs() {
        return 0;
    }

    int jobsFailed() {
        return 0;
    }

    int rollouts() {
        return 0;
    }

    int rolloutsCompleted() {
        return 0;
    }

    int rolloutsStalled() {
        return 0;
    }

    double rolloutMean() {
        return 0;
    }

    double rolloutMax() {
        return 0;
    }

    /** A pod name like Kubernetes' own: the workload's name, a dash, a number. */
    String podName(String suffix) {
        return template().workload() + "-" + suffix;
    }

    /** Schedules {@code action} at {@code runFor} seconds into the run: the workload's end. */
    void endAt(double runFor, Runnable action) {
        scheduler.scheduleAt(Time.seconds(runFor), action);
    }
}
