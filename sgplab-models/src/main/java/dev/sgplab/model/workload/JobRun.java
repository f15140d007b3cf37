package dev.sgplab.model.workload;

import dev.sgplab.engine.RandomStreams;
import dev.sgplab.engine.Scheduler;
import dev.sgplab.engine.Time;
import dev.sgplab.model.kubernetes.JobBackoff;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A Job, or a CronJob's Jobs (one per scheduled time, concurrencyPolicy Allow): each Job keeps up to
 * {@code parallelism} pods active until {@code completions} have succeeded (restartPolicy Never).
 * A pod whose lookups fail ends Error; the Job controller creates its replacement after the pod
 * failure back-off, and fails the Job, deleting its active pods, once more pods failed than the
 * backoff limit ({@link JobBackoff}).
 */
final class JobRun extends WorkloadRun {
    private final WorkloadSpec.Job spec;
    private final RandomGenerator runRandom;
    private final Map<WorkloadPod, OneJob> jobOfPod = new IdentityHashMap<>();
    private int jobs;
    private int jobsFailed;
    private int jobsOpen;

    JobRun(WorkloadSpec.Job spec, SgppPods pods, Scheduler scheduler, RandomStreams streams) {
        super(spec, pods, scheduler, streams);
        this.spec = spec;
        this.runRandom = stream("run");
    }

    @Override
    void start() {
        if (spec.schedule() == null) {
            timeUp = true; // a single Job: the run ends with it
            new OneJob(++jobs).fill();
            return;
        }
        endAt(spec.runFor());
        scheduleTick(-1);
    }

    /** The CronJob controller starts a Job at each scheduled time before the workload's end. */
    private void scheduleTick(double afterSeconds) {
        long next = spec.schedule().nextAfter(afterSeconds);
        if (next >= 0 && next < spec.runFor()) {
            scheduler.scheduleAt(Time.seconds(next), () -> {
                new OneJob(++jobs).fill();
                scheduleTick(next);
            });
        }
    }

    @Override
    void onReady(WorkloadPod pod) {
        long runTime = Time.seconds(spec.runTime().sample(runRandom));
        scheduler.scheduleAfter(runTime, () -> {
            if (!pod.ended()) {
                pods.endSucceeded(pod);
            }
        });
    }

    @Override
    void containerExited(WorkloadPod pod) {
        pods.endError(pod);
    }

    @Override
    void ended(WorkloadPod pod) {
        OneJob job = jobOfPod.remove(pod);
        if (job != null) {
            job.podEnded(pod);
        }
    }

    @Override
    boolean finished() {
        return timeUp && (spec.schedule() != null || jobsOpen == 0);
    }

    @Override
    int plannedPods() {
        return -1;
    }

    @Override
    JobCounts jobCounts() {
        return new JobCounts(jobs, jobsFailed);
    }

    /** One Job object: its pods' counts as in its status (active, succeeded, failed). */
    private final class OneJob {
        private final int number;
        private final JobBackoff backoff = spec.backoff();
        private final List<WorkloadPod> active = new ArrayList<>();
        private int succeeded;
        private int failed;
        private int replacementsDue;
        private int podNumber;
        private boolean done;

        OneJob(int number) {
            this.number = number;
            jobsOpen++;
        }

        /** Creates pods up to parallelism, never more than the completions still needed. */
        void fill() {
            while (!done && active.size() + replacementsDue < spec.parallelism()
                    && succeeded + active.size() + replacementsDue < spec.completions()) {
                WorkloadPod pod = newPod(podName(number + "-" + (++podNumber)), 0);
                active.add(pod);
                jobOfPod.put(pod, this);
                pods.submit(pod);
            }
        }

        void podEnded(WorkloadPod pod) {
            active.remove(pod);
            if (done) {
                return;
            }
            if (!pod.failed) {
                succeeded++;
                if (succeeded == spec.completions()) {
                    finish();
                } else {
                    fill();
                }
                return;
            }
            failed++;
            if (backoff.exceeded(failed)) {
                jobsFailed++; // condition Failed, reason BackoffLimitExceeded: active pods are deleted
                finish();
                new ArrayList<>(active).forEach(pods::delete);
                return;
            }
            replacementsDue++;
            scheduler.scheduleAfter(Time.seconds(JobBackoff.delay(failed)), () -> {
                replacementsDue--;
                fill();
            });
        }

        private void finish() {
            done = true;
            jobsOpen--;
        }
    }
}
