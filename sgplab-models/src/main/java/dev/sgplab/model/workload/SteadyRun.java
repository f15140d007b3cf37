package dev.sgplab.model.workload;

import dev.sgplab.engine.RandomStreams;
import dev.sgplab.engine.Scheduler;
import dev.sgplab.engine.Time;
import java.util.random.RandomGenerator;

/**
 * Steady churn: pods arriving {@code arrivalInterval} apart (e.g. exponential: a Poisson process)
 * until the workload's end, each deleted {@code lifetime} after it became ready. A failed lookup
 * ends the pod Error (restartPolicy Never) or has the kubelet restart its container after the
 * CrashLoopBackOff delay (restartPolicy Always).
 */
final class SteadyRun extends WorkloadRun {
    private final WorkloadSpec.Steady spec;
    private final RandomGenerator arrivalRandom;
    private final RandomGenerator lifetimeRandom;
    private boolean timeUp;

    SteadyRun(WorkloadSpec.Steady spec, SgppPods pods, Scheduler scheduler, RandomStreams streams) {
        super(spec, pods, scheduler, streams);
        this.spec = spec;
        this.arrivalRandom = streams.stream(spec.pods().randomPrefix() + "/arrival");
        this.lifetimeRandom = streams.stream(spec.pods().randomPrefix() + "/lifetime");
    }

    @Override
    void start() {
        endAt(spec.runFor(), () -> timeUp = true);
        arrive();
    }

    private void arrive() {
        WorkloadPod pod = newPod(podName(Integer.toString(created + 1)), 0);
        long next = scheduler.now() + Time.seconds(spec.arrivalInterval().sample(arrivalRandom));
        if (next < Time.seconds(spec.runFor())) {
            scheduler.scheduleAt(next, this::arrive);
        }
        pods.submit(pod);
    }

    @Override
    void onReady(WorkloadPod pod) {
        long lifetime = Time.seconds(spec.lifetime().sample(lifetimeRandom));
        scheduler.scheduleAfter(lifetime, () -> pods.delete(pod));
    }

    @Override
    void containerExited(WorkloadPod pod) {
        if (spec.restartAlways()) {
            pods.restartContainer(pod);
        } else {
            pods.endError(pod);
        }
    }

    @Override
    boolean finished() {
        return timeUp;
    }
}
