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

    SteadyRun(WorkloadSpec.Steady spec, SgppPods pods, Scheduler scheduler, RandomStreams streams) {
        super(spec, pods, scheduler, streams);
        this.spec = spec;
        this.arrivalRandom = stream("arrival");
        this.lifetimeRandom = stream("lifetime");
    }

    @Override
    void start() {
        endAt(spec.runFor());
        arrive();
    }

    private void arrive() {
        WorkloadPod pod = newPod(podName(Integer.toString(created + 1)), 0);
        scheduleWithin(spec.runFor(), spec.arrivalInterval(), arrivalRandom, this::arrive);
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
}
