package dev.sgplab.model.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.engine.RandomStreams;
import dev.sgplab.engine.Simulation;
import dev.sgplab.engine.Time;
import dev.sgplab.model.address.Cidr;
import dev.sgplab.model.assembly.ControlPlane;
import dev.sgplab.model.controller.Cooldown;
import dev.sgplab.model.dist.Distribution;
import dev.sgplab.model.dns.ResolverKind;
import dev.sgplab.model.dns.ResolverProfile;
import dev.sgplab.model.kubernetes.CronSchedule;
import dev.sgplab.model.kubernetes.JobBackoff;
import dev.sgplab.model.kubernetes.RollingUpdate;
import dev.sgplab.model.scheduling.NodeScheduler;
import dev.sgplab.model.vpc.AllocationPolicy;
import dev.sgplab.observe.PodObservation;
import dev.sgplab.observe.RunObservations;
import dev.sgplab.observe.WorkloadObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each workload kind on a small cluster with fixed times: branch ENIs take 1 s, a container starts
 * its lookups 2 s after that, and a lookup answers at once, well or not as the test decides. The
 * expected timelines are worked out by hand in each test's comment.
 */
class WorkloadTimelineTest {
    private static final ResolverProfile GLIBC = new ResolverProfile(ResolverKind.GLIBC, 5, 2, 5,
            List.of("default.svc.cluster.local"), false, "cluster.local", List.of("default"));

    /** A run: the pods' events as "t pod what", with lookups failing where {@code fails} says. */
    private static final class Run implements SgppPods.Backend {
        final Simulation sim = new Simulation();
        final List<String> events = new ArrayList<>();
        final Predicate<WorkloadPod> fails;
        final SgppPods pods;

        Run(List<WorkloadSpec> workloads, Predicate<WorkloadPod> fails) {
            this.fails = fails;
            RandomStreams streams = new RandomStreams(1);
            ControlPlane plane = new ControlPlane(sim, new ControlPlane.Settings(Cidr.parse("198.18.0.0/24"), 0,
                    AllocationPolicy.LOWEST_FREE, Cooldown.ofSeconds(30), fixed(1), 0, 2, 9), streams,
                    new dev.sgplab.model.ec2.Ec2Service.Listener() {
                        @Override
                        public void attached(dev.sgplab.model.controller.BranchEni eni, String nodeName) {
                        }

                        @Override
                        public void detached(dev.sgplab.model.controller.BranchEni eni) {
                        }
                    });
            pods = new SgppPods(sim, workloads, new NodeScheduler(2, 9, false), plane.provider(), streams, this, true);
            plane.listen(pods.controllerEvents());
        }

        RunObservations run() {
            pods.start();
            while (!pods.finished() && sim.step()) {
                // until every workload is done
            }
            return pods.observations("test", 1, true, sim.executedEvents());
        }

        @Override
        public void lookup(WorkloadPod pod, Consumer<Boolean> done) {
            boolean ok = !fails.test(pod);
            events.add(at() + " " + pod.name() + (ok ? " ready" : " lookup failed"));
            done.accept(ok);
        }

        @Override
        public void podEnded(WorkloadPod pod) {
            events.add(at() + " " + pod.name() + " ended");
        }

        private String at() {
            double t = Time.toSeconds(sim.now());
            return t == Math.rint(t) ? Long.toString((long) t) : Double.toString(t);
        }
    }

    private static Distribution fixed(double seconds) {
        return Distribution.parse("fixed(" + seconds + ")");
    }

    private static PodTemplate template(String name, int processRetries) {
        return new PodTemplate(name, GLIBC, List.of("kubernetes.default"), fixed(2), processRetries, fixed(1),
                "workload/" + name);
    }

    /**
     * 4 replicas, maxSurge 25% (1) and maxUnavailable 25% (1), a rollout at 100 s: at 100 one new
     * pod on top, one old deleted (4 available, 3 needed), so a second new pod; at 103 both are
     * ready, each lets one more old go and one more new come; at 106 the last two are ready, the
     * last old pod goes with the first: the rollout took 6 s.
     */
    @Test
    void aRollingUpdateReplacesPodsWithinSurgeAndUnavailable() {
        Run run = new Run(List.of(new WorkloadSpec.Deployment(template("web", 0), RollingUpdate.of(4, "25%", "25%"),
                fixed(100), 600, 150, null)), pod -> false);
        WorkloadObservation web = run.run().workloads().get(0);
        assertThat(run.events).filteredOn(e -> Double.parseDouble(e.split(" ")[0]) >= 100).containsExactly(
                "100 web-1-1 ended",
                "103 web-2-5 ready",
                "103 web-1-2 ended",
                "103 web-2-6 ready",
                "103 web-1-3 ended",
                "106 web-2-7 ready",
                "106 web-1-4 ended",
                "106 web-2-8 ready");
        assertThat(web.pods()).isEqualTo(8);
        assertThat(web.rollouts()).isEqualTo(1);
        assertThat(web.rolloutsCompleted()).isEqualTo(1);
        assertThat(web.rolloutMeanSeconds()).isEqualTo(6);
        assertThat(web.failedPodStarts()).isZero();
    }

    /**
     * The same rollout when every new pod's first lookup fails: each container exits at once and
     * the kubelet restarts it 10 s later (CrashLoopBackOff), so each step takes 10 s more and the
     * rollout 26 s: 100 (2 new), 113 ready (2 more), 126 ready. No pod ends Error.
     */
    @Test
    void aFailedLookupRestartsTheContainerAndHoldsTheRolloutBack() {
        Run run = new Run(List.of(new WorkloadSpec.Deployment(template("web", 0), RollingUpdate.of(4, "25%", "25%"),
                fixed(100), 600, 150, null)), pod -> pod.revision == 2 && pod.containerRestarts == 0);
        WorkloadObservation web = run.run().workloads().get(0);
        assertThat(web.rolloutMeanSeconds()).isEqualTo(26);
        assertThat(web.failedPodStarts()).isEqualTo(4);
        assertThat(web.containerRestarts()).isEqualTo(4);
        assertThat(web.errorPods()).isZero();
        assertThat(web.delayedStarts()).isEqualTo(4);
        assertThat(web.extraStartLatencyMean()).isEqualTo(10);
        assertThat(web.rolloutsStalled()).isZero();
    }

    /**
     * Rollouts whose new pods never resolve, 2 replicas, maxSurge 1, maxUnavailable 0, a progress
     * deadline of 50 s: the rollout at 100 adds one pod and keeps both old ones; at 150 it has
     * stalled. The rollout at 200 finds that pod unhealthy and old: it is deleted at once and one
     * pod of the newest revision takes its place. 4 pods, 2 rollouts, neither completed.
     */
    @Test
    void aRolloutThatNeverBecomesAvailableStalls() {
        Run run = new Run(List.of(new WorkloadSpec.Deployment(template("web", 0), RollingUpdate.of(2, "1", "0"),
                fixed(100), 50, 240, null)), pod -> pod.revision > 1);
        WorkloadObservation web = run.run().workloads().get(0);
        assertThat(web.rollouts()).isEqualTo(2);
        assertThat(web.rolloutsCompleted()).isZero();
        assertThat(web.rolloutsStalled()).isEqualTo(1);
        assertThat(web.pods()).isEqualTo(4);
        assertThat(run.events).contains("200 web-2-3 ended");
    }

    /**
     * 2 replicas, no rollout in the run, a pod replaced every 30 s for 100 s (seed 1): the two pods
     * are ready at 3 (1 s ENI + 2 s start). At 30, 60 and 90 one live pod, drawn from the stream
     * "workload/web/pod-replacement" (the draws are taken below from that stream, not from the
     * model; at seed 1 they are 1, 0, 1 of the live pods oldest first: web-1-2, then web-1-1, then
     * web-1-4), is deleted, and its replacement web-1-3, -4, -5 is created at once: ENI at +1, lookup
     * and ready at +3 (33, 63, 93). The next time, 120, is past the end: 3 replacements, 5 pods, no
     * rollout. When web-1-3's first lookup fails, its container exits and the kubelet restarts it
     * 10 s later (CrashLoopBackOff): ready at 43, a failed start and a restart, no Error pod.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aReplacedPodIsDeletedAndItsReplicaSetCreatesANewOne(boolean firstReplacementFails) {
        Run run = new Run(List.of(new WorkloadSpec.Deployment(template("web", 0), RollingUpdate.of(2, "25%", "25%"),
                fixed(10_000), 600, 100, fixed(30))), pod -> firstReplacementFails && pod.name().equals("web-1-3")
                        && pod.containerRestarts == 0);
        WorkloadObservation web = run.run().workloads().get(0);

        java.util.SplittableRandom draws = new RandomStreams(1).stream("workload/web/pod-replacement");
        List<String> live = new ArrayList<>(List.of("web-1-1", "web-1-2"));
        List<String> expected = new ArrayList<>(List.of("3 web-1-1 ready", "3 web-1-2 ready"));
        for (int i = 0; i < 3; i++) {
            // fixed(30) takes no draw: the stream's draws are the choices alone
            int at = 30 * (i + 1);
            expected.add(at + " " + live.remove(draws.nextInt(live.size())) + " ended");
            String replacement = "web-1-" + (3 + i);
            live.add(replacement);
            if (i == 0 && firstReplacementFails) {
                expected.add("33 web-1-3 lookup failed");
                expected.add("43 web-1-3 ready");
            } else {
                expected.add((at + 3) + " " + replacement + " ready");
            }
        }
        assertThat(run.events).containsExactlyElementsOf(expected);
        assertThat(run.events).contains("30 web-1-2 ended", "60 web-1-1 ended", "90 web-1-4 ended");
        assertThat(web.podReplacements()).isEqualTo(3);
        assertThat(web.pods()).isEqualTo(5);
        assertThat(web.rollouts()).isZero();
        assertThat(web.failedPodStarts()).isEqualTo(firstReplacementFails ? 1 : 0);
        assertThat(web.containerRestarts()).isEqualTo(firstReplacementFails ? 1 : 0);
        assertThat(web.errorPods()).isZero();
        // every pod got to the end of its first start: web-1-3's failed, the rest passed
        assertThat(web.succeededPodStarts()).isEqualTo(firstReplacementFails ? 4 : 5);
    }

    /**
     * A pod replaced every 2 s while its lookups take 3 s (branch ENI 1 s, lookup 2 s) is deleted
     * before its start is decided: neither a failed nor a passed start, so no trial of the Error
     * rate. Only the last pod, which no replacement follows, may get to the end of its lookups.
     */
    @Test
    void aPodDeletedWhileItsLookupsRunNeitherFailedNorPassedItsStart() {
        Run run = new Run(List.of(new WorkloadSpec.Deployment(template("web", 0), RollingUpdate.of(1, "25%", "25%"),
                fixed(10_000), 600, 100, fixed(2))), pod -> false);
        WorkloadObservation web = run.run().workloads().get(0);

        assertThat(web.podReplacements()).isGreaterThanOrEqualTo(40);
        assertThat(web.pods()).isEqualTo(web.podReplacements() + 1);
        assertThat(web.failedPodStarts()).isZero();
        assertThat(web.succeededPodStarts()).isLessThanOrEqualTo(1);
    }

    /**
     * A Job whose pods all fail, backoffLimit 2: pod 1 created at 0 fails at 3; its replacement
     * comes 10 s later (13, fails at 16), the next 20 s after that (36, fails at 39): 3 failures,
     * more than 2, so the Job fails with no further pod.
     */
    @Test
    void aJobReplacesFailedPodsWithBackOffUntilItsLimit() {
        Run run = new Run(List.of(new WorkloadSpec.Job(template("batch", 0), 1, 1, new JobBackoff(2), fixed(5), null,
                3600)), pod -> true);
        RunObservations result = run.run();
        assertThat(result.podDetails()).extracting(PodObservation::createdAt).containsExactly(0.0, 13.0, 36.0);
        assertThat(result.podDetails()).extracting(PodObservation::phase).containsOnly(PodObservation.ERROR);
        WorkloadObservation batch = result.workloads().get(0);
        assertThat(batch.jobs()).isEqualTo(1);
        assertThat(batch.jobsFailed()).isEqualTo(1);
        assertThat(batch.errorPods()).isEqualTo(3);
        assertThat(batch.failedPodStarts()).isEqualTo(3);
    }

    /**
     * A CronJob every 10 minutes for half an hour: Jobs at 0, 600 and 1200 s, each with 2
     * completions one at a time (a pod runs 3 s after its 1 s ENI and 2 s start: the second pod
     * comes at 6 s of its Job).
     */
    @Test
    void aCronJobStartsAJobAtEachScheduledTime() {
        Run run = new Run(List.of(new WorkloadSpec.Job(template("report", 0), 2, 1, new JobBackoff(6), fixed(3),
                CronSchedule.parse("*/10 * * * *"), 1800)), pod -> false);
        RunObservations result = run.run();
        assertThat(result.podDetails()).extracting(PodObservation::name, PodObservation::createdAt).containsExactly(
                org.assertj.core.groups.Tuple.tuple("report-1-1", 0.0), org.assertj.core.groups.Tuple.tuple("report-1-2", 6.0),
                org.assertj.core.groups.Tuple.tuple("report-2-1", 600.0), org.assertj.core.groups.Tuple.tuple("report-2-2", 606.0),
                org.assertj.core.groups.Tuple.tuple("report-3-1", 1200.0), org.assertj.core.groups.Tuple.tuple("report-3-2", 1206.0));
        assertThat(result.workloads().get(0).jobs()).isEqualTo(3);
        assertThat(result.workloads().get(0).kind()).isEqualTo("cronjob");
    }

    /**
     * A process that retries twice, 1 s apart, whose first two lookups fail: it recovers on its
     * own, 2 s late, with no container restart and no Error.
     */
    @Test
    void aProcessThatRetriesOnItsOwnRecoversWithoutARestart() {
        int[] calls = {0};
        Run run = new Run(List.of(new WorkloadSpec.Steady(template("worker", 2), fixed(1000), fixed(100), false,
                500)), pod -> calls[0]++ < 2);
        WorkloadObservation worker = run.run().workloads().get(0);
        assertThat(run.events).containsExactly("3 worker-1 lookup failed", "4 worker-1 lookup failed",
                "5 worker-1 ready", "105 worker-1 ended");
        assertThat(worker.processRetries()).isEqualTo(2);
        assertThat(worker.containerRestarts()).isZero();
        assertThat(worker.failedPodStarts()).isZero();
        assertThat(worker.extraStartLatencyMean()).isEqualTo(2);
    }

    /** Steady churn, restartPolicy Never: a pod whose lookup fails ends Error and is not replaced. */
    @Test
    void steadyPodsArriveAndEndErrorOnAFailedLookup() {
        Run run = new Run(List.of(new WorkloadSpec.Steady(template("api", 0), fixed(10), fixed(5), false, 30)),
                pod -> pod.name().equals("api-2"));
        WorkloadObservation api = run.run().workloads().get(0);
        assertThat(run.events).containsExactly("3 api-1 ready", "8 api-1 ended", "13 api-2 lookup failed",
                "13 api-2 ended", "23 api-3 ready", "28 api-3 ended");
        assertThat(api.pods()).isEqualTo(3);
        assertThat(api.errorPods()).isEqualTo(1);
        assertThat(api.failedPodStarts()).isEqualTo(1);
    }

    /** Names are looked up in order; the start fails at the first that does not resolve. */
    @Test
    void everyNameIsLookedUpInOrder() {
        List<String> asked = new ArrayList<>();
        PodTemplate twoNames = new PodTemplate("churn", GLIBC, List.of("api.default", "sts.amazonaws.com."), fixed(2), 0,
                fixed(1), "workload/churn");
        Run run = new Run(List.of(new WorkloadSpec.ChurnTest(twoNames, new ChurnSpec(2, fixed(2), fixed(2), fixed(1),
                false))), pod -> {
                    asked.add(pod.name() + " " + pod.lookupName());
                    return pod.name().equals("churn-002") && pod.lookupName().startsWith("sts");
                });
        RunObservations result = run.run();
        assertThat(asked).containsExactly("churn-001 api.default", "churn-001 sts.amazonaws.com.",
                "churn-002 api.default", "churn-002 sts.amazonaws.com.");
        assertThat(result.errorPods()).isEqualTo(1);
    }
}
