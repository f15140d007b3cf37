package dev.sgplab.model.workload;

import dev.sgplab.engine.RandomStreams;
import dev.sgplab.engine.Scheduler;
import dev.sgplab.engine.Time;
import java.util.random.RandomGenerator;

/**
 * The original report's churn test: {@code pods} bare pods created {@code createInterval} apart;
 * each resolves its names, runs {@code runTime} and completes, or ends Error when a lookup fails
 * (restartPolicy Never).
 */
final class ChurnTestRun extends WorkloadRun {
    private final WorkloadSpec.ChurnTest spec;
    private final RandomGenerator createRandom;
    private final RandomGenerator runRandom;
    /** Pod creations rank as if all were scheduled at the start (as they once were): same runs. */
    private Scheduler.Series creations;
    private long nextCreateAt;
    private int endedPods;

    ChurnTestRun(WorkloadSpec.ChurnTest spec, SgppPods pods, Scheduler scheduler, RandomStreams streams) {
        super(spec, pods, scheduler, streams);
        this.spec = spec;
        this.createRandom = stream("create");
        this.runRandom = stream("run");
    }

    @Override
    int plannedPods() {
        return spec.churn().pods();
    }

    @Override
    void start() {
        nextCreateAt = scheduler.now();
        creations = scheduler.series(spec.churn().pods());
        creations.scheduleNext(nextCreateAt, this::createNext);
    }

    private void createNext() {
        WorkloadPod pod = newPod(name(created), 0);
        if (created < spec.churn().pods()) {
            nextCreateAt += Time.seconds(spec.churn().createInterval().sample(createRandom));
            creations.scheduleNext(nextCreateAt, this::createNext);
        }
        pods.submit(pod);
    }

    /** churn-001, ... for the scenario's single churn test (as the report's test names them), else NAME-001. */
    private String name(int index) {
        String number = Integer.toString(index + 1);
        String padded = number.length() >= 3 ? number : "0".repeat(3 - number.length()) + number;
        return podName(padded);
    }

    @Override
    void onReady(WorkloadPod pod) {
        long runTime = Time.seconds(spec.churn().runTime().sample(runRandom));
        scheduler.scheduleAfter(runTime, () -> pods.endSucceeded(pod));
    }

    @Override
    void containerExited(WorkloadPod pod) {
        pods.endError(pod); // the container exits non-zero: pod phase Failed, reason Error
    }

    @Override
    void ended(WorkloadPod pod) {
        endedPods++;
    }

    @Override
    boolean finished() {
        return endedPods == spec.churn().pods();
    }
}
