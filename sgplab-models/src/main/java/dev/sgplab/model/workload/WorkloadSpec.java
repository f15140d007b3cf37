package dev.sgplab.model.workload;

import dev.sgplab.model.dist.Distribution;
import dev.sgplab.model.kubernetes.CronSchedule;
import dev.sgplab.model.kubernetes.JobBackoff;
import dev.sgplab.model.kubernetes.RollingUpdate;

/**
 * One workload of a scenario, by kind: what makes its pods, and what a pod whose start-up lookup
 * fails does. Durations are in seconds; {@code runFor} is how long the workload keeps making pods
 * (rollouts, arrivals, CronJob runs stop then).
 */
public sealed interface WorkloadSpec {
    PodTemplate pods();

    /** Kubernetes' kind, as the results name it. */
    String kind();

    /** The original report's test: pods one after another; a failed lookup ends the pod Error. */
    record ChurnTest(PodTemplate pods, ChurnSpec churn) implements WorkloadSpec {
        @Override
        public String kind() {
            return "churn-test";
        }
    }

    /**
     * A Deployment (restartPolicy Always): {@code strategy.replicas()} pods kept running, replaced
     * by a rolling update every {@code rolloutInterval}; a failed lookup exits the container, which
     * the kubelet restarts after its CrashLoopBackOff delay; a rollout that has not completed
     * {@code progressDeadline} after it began has stalled (ProgressDeadlineExceeded). Every
     * {@code podReplacementInterval} (null: never) one of its pods is deleted outside a rollout (an
     * eviction, a node drain or consolidation, a delete by hand) and its ReplicaSet creates a new one.
     */
    record Deployment(PodTemplate pods, RollingUpdate strategy, Distribution rolloutInterval, double progressDeadline,
            double runFor, Distribution podReplacementInterval) implements WorkloadSpec {
        @Override
        public String kind() {
            return "deployment";
        }
    }

    /**
     * A Job (restartPolicy Never), or a CronJob's Jobs when {@code schedule} is given (one Job per
     * scheduled time, concurrencyPolicy Allow): pods run {@code runTime} after their lookups and
     * succeed; a failed lookup ends the pod Error and the Job controller replaces it after its
     * back-off until the backoff limit is exceeded.
     */
    record Job(PodTemplate pods, int completions, int parallelism, JobBackoff backoff, Distribution runTime,
            CronSchedule schedule, double runFor) implements WorkloadSpec {
        @Override
        public String kind() {
            return schedule == null ? "job" : "cronjob";
        }
    }

    /**
     * Pods arriving {@code arrivalInterval} apart that live {@code lifetime} once running, then are
     * deleted; a failed lookup ends the pod Error (restartPolicy Never) or restarts its container
     * with CrashLoopBackOff (restartPolicy Always).
     */
    record Steady(PodTemplate pods, Distribution arrivalInterval, Distribution lifetime, boolean restartAlways,
            double runFor) implements WorkloadSpec {
        @Override
        public String kind() {
            return "steady";
        }
    }
}
