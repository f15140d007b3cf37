package dev.sgplab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.sgplab.observe.PodObservation;
import dev.sgplab.observe.RunObservations;
import dev.sgplab.scenario.ScenarioTree;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * `cluster run` against fabric8's in-memory API server with {@link FakeEks} playing the kubelet and
 * the VPC Resource Controller, on fast time (10 ms per second): four IPs, pods every 2 s, and a pod
 * whose IP's previous owner ended less than 60 s before fails its lookup.
 */
class ClusterRunTest {
    private static final double MS_PER_SECOND = 20; // 15 model-s of gap tolerance = 300 ms of watch delay on a busy machine
    private static final List<String> IPS = List.of("10.0.64.10", "10.0.64.11", "10.0.64.12", "10.0.64.13");
    private static final String RUN = "t1";

    private FaultyApiServer api;
    private KubernetesClient client;
    private FakeEks eks;
    private final List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void cluster() {
        api = new FaultyApiServer();
        client = api.client();
    }

    @AfterEach
    void stop() {
        if (eks != null) {
            eks.close();
        }
        api.close();
    }

    private void startEks(String cooldownValue, boolean announce) {
        FakeEks.installSgpp(client, cooldownValue);
        eks = new FakeEks(client, MS_PER_SECOND, IPS, 60, announce).start();
    }

    private static Duration seconds(double modelSeconds) {
        return Duration.ofMillis(Math.round(modelSeconds * MS_PER_SECOND));
    }

    /** The default scenario's pods on fast time: one every 2 model seconds. */
    static ChurnPlan plan(int pods) {
        return ChurnPlan.of(ScenarioTree.defaults().with("workload.pods", Integer.toString(pods))
                .with("workload.create-interval", "fixed(" + 2 * MS_PER_SECOND / 1000 + ")").bind(), 1);
    }

    private ClusterRun.Options options(int pods, Long... cooldowns) {
        return new ClusterRun.Options(RUN, "sgplab-" + RUN, plan(pods), List.of(cooldowns), ChurnPodTemplate.DEFAULT_IMAGE,
                Duration.ofSeconds(20), Duration.ofSeconds(5), seconds(120), Duration.ZERO, false,
                List.of("sg-0123456789abcdef0"));
    }

    private ClusterRun run(ClusterRun.Options options) {
        return new ClusterRun(client, new Retries(6, millis -> { }), options, System::nanoTime, progress::add);
    }

    @Test
    void aFullRunCountsWhatTheClusterDidAndLeavesItAsItWas() throws Exception {
        startEks("45", true);
        ClusterRun.Result result;
        try (ClusterRun run = run(options(30, 30L, 70L))) {
            result = run.run();
        }
        assertThat(result.rounds()).extracting(ClusterRun.Round::cooldownSeconds).containsExactly(30L, 70L);
        assertMatchesTheLedger(result.rounds().get(0).observations());
        assertMatchesTheLedger(result.rounds().get(1).observations());
        RunObservations at30 = result.rounds().get(0).observations();
        RunObservations at70 = result.rounds().get(1).observations();
        assertThat(at30.errorPods()).isPositive();
        assertThat(at70.errorPods()).isZero();
        assertThat(at70.ipReuses()).isPositive();
        assertThat(at70.reuseGapsSeconds()).allSatisfy(gap -> assertThat(gap * 1000 / MS_PER_SECOND).isGreaterThan(60));
        assertThat(eks.eventsSent()).contains("ip-10-0-1-10: 30", "ip-10-0-2-20: 70");
        assertThat(result.cooldownBefore()).isEqualTo("45");
        assertLeftAsItWas("45");
    }

    private void assertMatchesTheLedger(RunObservations round) {
        assertMatchesTheLedger(round, true);
    }

    /**
     * Every Error pod, reuse and previous owner the harness reports is what the fake did, and so is
     * every gap (within 15 s) when no watch was dropped: a change the harness only learns from the
     * re-list after a dropped watch is timed when it learnt it.
     */
    private void assertMatchesTheLedger(RunObservations round, boolean compareGaps) {
        Map<String, FakeEks.Grant> grants = eks.grants();
        int errors = 0;
        int reuses = 0;
        for (PodObservation pod : round.podDetails()) {
            FakeEks.Grant grant = grants.get(pod.name());
            assertThat(grant).as(pod.name()).isNotNull();
            assertThat(pod.ip()).isEqualTo(grant.ip());
            assertThat(pod.mac()).isEqualTo(grant.mac());
            assertThat(pod.failed()).as(pod.name()).isEqualTo(grant.failed());
            errors += grant.failed() ? 1 : 0;
            if (grant.previousPod() == null) {
                assertThat(pod.previousOwner()).as(pod.name()).isNull();
            } else {
                reuses++;
                assertThat(pod.previousOwner().pod()).as(pod.name()).isEqualTo(grant.previousPod());
                if (compareGaps) {
                    assertThat(pod.previousOwner().gapSeconds() * 1000 / MS_PER_SECOND).as(pod.name())
                            .isCloseTo(grant.gapSeconds(), within(15.0));
                }
            }
        }
        assertThat(round.pods()).isEqualTo(round.podDetails().size());
        assertThat(round.errorPods()).isEqualTo(errors);
        assertThat(round.ipReuses()).isEqualTo(reuses);
        assertThat(round.reuseGapsSeconds()).hasSize(reuses);
    }

    private void assertLeftAsItWas(String cooldownValue) {
        ConfigMap map = client.configMaps().inNamespace("kube-system").withName("amazon-vpc-cni").get();
        assertThat(map.getData().get("branch-eni-cooldown")).isEqualTo(cooldownValue);
        assertThat(map.getData()).containsEntry("enable-windows-ipam", "false");
        assertThat(map.getMetadata().getAnnotations() == null ? Map.of() : map.getMetadata().getAnnotations())
                .doesNotContainKeys(RunLabels.CONFIG_MAP_RUN, RunLabels.CONFIG_MAP_PREVIOUS);
        assertThat(new RunResources(client, Retries.standard()).find(null).isEmpty()).isTrue();
    }

    @Test
    void ctrlCMidRunDeletesEverythingAndRestoresTheConfigMap() throws Exception {
        startEks("45", true);
        ClusterRun run = run(options(200, 30L, 70L));
        CompletableFuture<Throwable> ended = CompletableFuture.supplyAsync(() -> {
            try {
                run.run();
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> eks.grants().size() >= 5);
        run.close(); // what the shutdown hook does
        assertThat(ended.get(10, TimeUnit.SECONDS)).isInstanceOf(ClusterRun.Interrupted.class);
        assertLeftAsItWas("45");
    }

    @Test
    void aClusterWithoutSgppIsToldWhatIsMissingBeforeAnythingIsCreated() {
        client.nodes().resource(new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata().withName("n1")
                .endMetadata().build()).create();
        try (ClusterRun run = run(options(5, 30L))) {
            assertThatThrownBy(run::run).isInstanceOf(ClusterException.class)
                    .hasMessage("this cluster cannot run security groups for pods: the SecurityGroupPolicy CRD "
                            + "(securitygrouppolicies.vpcresources.k8s.aws) is not installed; no node advertises "
                            + "vpc.amazonaws.com/pod-eni (1 nodes; set ENABLE_POD_ENI=true on the aws-node DaemonSet "
                            + "and use a trunk-capable instance type, e.g. m5.large)");
        }
        assertThat(client.namespaces().withName("sgplab-" + RUN).get()).isNull();
    }

    @Test
    void aMissingConfigMapStopsTheRunBeforeAnythingIsCreated() {
        startEks("45", true);
        client.configMaps().inNamespace("kube-system").withName("amazon-vpc-cni").delete();
        try (ClusterRun run = run(options(5, 30L))) {
            assertThatThrownBy(run::run).isInstanceOf(ClusterException.class)
                    .hasMessageContaining("ConfigMap kube-system/amazon-vpc-cni not found");
        }
        assertThat(client.namespaces().withName("sgplab-" + RUN).get()).isNull();
    }

    @Test
    void forbiddenIsOneLineAndWhatWasCreatedIsDeleted() {
        startEks("45", true);
        api.fail("POST", "securitygrouppolicies", 403, 1);
        try (ClusterRun run = run(options(5, 30L))) {
            assertThatThrownBy(run::run).isInstanceOf(ClusterException.class)
                    .hasMessage("cannot create SecurityGroupPolicy sgplab-t1: forbidden (403): injected 403");
        }
        assertLeftAsItWas("45");
    }

    @Test
    void conflictsThrottlingServerErrorsAndLostAnswersAreRetried() throws Exception {
        startEks("45", true);
        api.fail("POST", "/pods", 500, 2);
        api.fail("POST", "/pods", 429, 1);
        api.failAfterApplying("POST", "/pods", 500, 1); // created, but the answer was lost: the retry gets a 409
        api.fail("PATCH", "configmaps/amazon-vpc-cni", 409, 1);
        ClusterRun.Result result;
        try (ClusterRun run = run(options(12, 30L))) {
            result = run.run();
        }
        assertThat(api.failed()).hasSize(5);
        assertThat(result.rounds().get(0).observations().podDetails()).hasSize(12)
                .allSatisfy(pod -> assertThat(pod.phase()).isIn(PodObservation.SUCCEEDED, PodObservation.ERROR));
        assertMatchesTheLedger(result.rounds().get(0).observations());
        assertLeftAsItWas("45");
    }

    @Test
    void droppedWatchesAreResumedAndNothingIsMissed() throws Exception {
        startEks("45", true);
        api.dropWatches("namespaces/sgplab-t1/pods", 150, 4);
        api.dropWatches("events", 50, 1);
        ClusterRun.Result result;
        try (ClusterRun run = run(options(30, 30L))) {
            result = run.run();
        }
        assertThat(api.droppedWatches()).isGreaterThanOrEqualTo(3);
        assertMatchesTheLedger(result.rounds().get(0).observations(), false);
        assertThat(result.rounds().get(0).observations().podDetails())
                .allSatisfy(pod -> assertThat(pod.phase()).isIn(PodObservation.SUCCEEDED, PodObservation.ERROR));
    }

    @Test
    void aControllerThatNeverAnnouncesTheCooldownIsAClearTimeout() {
        startEks("45", false);
        ClusterRun.Options quick = new ClusterRun.Options(RUN, "sgplab-" + RUN, plan(5), List.of(30L), "img",
                Duration.ofSeconds(5), Duration.ofMillis(500), seconds(100), Duration.ZERO, false,
                List.of("sg-0123456789abcdef0"));
        try (ClusterRun run = run(quick)) {
            assertThatThrownBy(run::run).isInstanceOf(ClusterException.class)
                    .hasMessageStartingWith("the VPC Resource Controller did not announce the new cooldown (no "
                            + "BranchENICoolDownPeriodUpdated event \"updated to 30s\" within 0.5 s)");
        }
        assertLeftAsItWas("45");
    }

    @Test
    void withTheKeyAbsentTheEventMayNotComeAndTheKeyIsRemovedAgain() throws Exception {
        startEks(null, false); // the fake controller uses 60 s and, as the real one, says nothing when that does not change
        ClusterRun.Options options = new ClusterRun.Options(RUN, "sgplab-" + RUN, plan(5), List.of(60L), "img",
                Duration.ofSeconds(20), Duration.ofMillis(300), seconds(100), Duration.ZERO, false,
                List.of("sg-0123456789abcdef0"));
        ClusterRun.Result result;
        try (ClusterRun run = run(options)) {
            result = run.run();
        }
        assertThat(result.rounds().get(0).notes()).anyMatch(n -> n.startsWith("no BranchENICoolDownPeriodUpdated event"));
        assertThat(result.cleanup()).anyMatch(n -> n.contains("removed again, as before"));
        ConfigMap map = client.configMaps().inNamespace("kube-system").withName("amazon-vpc-cni").get();
        assertThat(map.getData()).doesNotContainKey("branch-eni-cooldown");
    }

    @Test
    void cleanupFindsAKilledRunsLeftoversAndPutsTheCooldownBack() {
        startEks("45", true);
        RunResources resources = new RunResources(client, Retries.standard());
        resources.createNamespace("sgplab-dead", "dead");
        resources.createSecurityGroupPolicy("sgplab-dead", "dead", List.of("sg-0123456789abcdef0"));
        resources.createPod(new ChurnPodTemplate("dead", "sgplab-dead", "img", plan(1)).pod(30, 0));
        new VpcCniConfigMap(client, Retries.standard()).setForRun(30, "dead");
        List<String> lines = new ArrayList<>();
        ClusterCleanup.Report report = ClusterCleanup.run(client, Retries.standard(), null);
        lines.addAll(report.lines());
        assertThat(lines).contains("deleted pod sgplab-dead/churn-c30-000", "deleted SecurityGroupPolicy sgplab-dead/sgplab-dead",
                "deleted namespace sgplab-dead", "branch-eni-cooldown restored to 45 (changed by run dead)");
        assertLeftAsItWas("45");
    }
}
