package dev.sgplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.cluster.FakeEks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * `sgplab cluster run` and `cluster cleanup` through a kubeconfig, against the in-memory API server
 * with the fake kubelet and VPC Resource Controller (10 ms per second).
 */
class ClusterRunCommandTest {
    @RegisterExtension
    final MockCluster cluster = new MockCluster();
    @TempDir
    Path dir;
    private FakeEks eks;

    @AfterEach
    void stop() {
        if (eks != null) {
            eks.close();
        }
    }

    private void startEks() {
        FakeEks.installSgpp(cluster.client(), "45");
        eks = new FakeEks(cluster.client(), 10, List.of("10.0.64.10", "10.0.64.11", "10.0.64.12"), 60, true).start();
    }

    private CliTest.Result clusterRun(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("cluster", "run", "--kubeconfig",
                cluster.kubeconfig().toString(),
                "--pods", "12", "--cooldown", "30", "--interval", "0.02", "--settle", "1", "--event-timeout", "5",
                "--security-group", "sg-0123456789abcdef0", "--run-id", "cli1"));
        args.addAll(List.of(more));
        return CliTest.run(args.toArray(String[]::new));
    }

    @Test
    void runPrintsTheRoundsInJsonAndLeavesTheClusterAsFound() throws Exception {
        startEks();
        CliTest.Result run = clusterRun("-o", "json", "--trace");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode round = run.json().get("rounds").get(0);
        assertThat(round.get("cooldownSeconds").asInt()).isEqualTo(30);
        assertThat(round.get("run").get("pods").asInt()).isEqualTo(12);
        long failedByTheFake = eks.grants().values().stream().filter(FakeEks.Grant::failed).count();
        long reusesByTheFake = eks.grants().values().stream().filter(g -> g.previousPod() != null).count();
        assertThat(round.get("run").get("errorPods").asLong()).isEqualTo(failedByTheFake);
        assertThat(round.get("run").get("ipReuses").asLong()).isEqualTo(reusesByTheFake);
        assertThat(round.get("errorPodsThatReusedAnIp").asLong()).isEqualTo(failedByTheFake);
        assertThat(round.get("run").get("errorStories")).hasSize((int) failedByTheFake);
        assertThat(run.err()).contains("cluster: run cli1 in namespace sgplab", "waiting for the controller's "
                + "BranchENICoolDownPeriodUpdated event");
        assertThat(run.json().get("cleanup").get(1).asString()).isEqualTo("branch-eni-cooldown restored to 45");
        assertThat(cluster.client().pods().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(run.out() + run.err()).doesNotContain(MockCluster.SECRET);

        Path saved = dir.resolve("cluster.json");
        Files.writeString(saved, run.out());
        CliTest.Result report = CliTest.run("report", "--from", saved.toString(), "--out", dir.resolve("html").toString());
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(Files.readString(dir.resolve("html/index.html"))).contains("sgplab cluster run cli1", "Cooldown 30 s",
                "Error pods that reused an IP");
        assertThat(dir.resolve("html/reuse-gaps-30.png")).isNotEmptyFile();
    }

    @Test
    void tableShowsTheReportsColumnsAndNotObservableQueues() {
        startEks();
        CliTest.Result run = clusterRun("--trace");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Cluster run cli1 in namespace sgplab on 2 SGPP nodes", "Error pods that reused an IP",
                "largest delete queue on one node", "not observable", "Cluster left as found:",
                "Scenario cluster cli1, cooldown 30 s"); // a cluster run has no seed
        assertThat(run.out() + run.err()).doesNotContain("NOT CLEANED", "cleanup:");
    }

    @Test
    void badInputIsExitTwoForbiddenFourAndUnreachableThreeEachOneLineNamingTheCluster() throws Exception {
        CliTest.Result noGroup = CliTest.run("cluster", "run", "--kubeconfig", cluster.kubeconfig().toString());
        assertThat(noGroup.code()).isEqualTo(2);
        assertThat(noGroup.err().strip()).startsWith("sgplab: no security group for the pods").doesNotContain("\n");

        CliTest.Result badGroup = clusterRun("--security-group", "sg-nope");
        assertThat(badGroup.code()).isEqualTo(2);
        assertThat(badGroup.err().strip()).isEqualTo("sgplab: not a security group id: 'sg-nope' (expected sg- and 8 or 17 hex digits)");

        startEks();
        cluster.api().fail("GET", "/api/v1/nodes", 403, 1);
        CliTest.Result forbidden = clusterRun();
        assertThat(forbidden.code()).isEqualTo(4);
        assertThat(forbidden.err().strip().lines().toList()).last().isEqualTo("sgplab: cannot list nodes: forbidden (403): "
                + "injected 403 (cluster " + cluster.server() + ", context m)");

        Path nowhere = dir.resolve("nowhere");
        Files.writeString(nowhere, Files.readString(cluster.kubeconfig()).replace(cluster.server(), "http://127.0.0.1:9/"));
        CliTest.Result unreachable = CliTest.run("cluster", "run", "--kubeconfig", nowhere.toString(), "--security-group",
                "sg-0123456789abcdef0");
        assertThat(unreachable.code()).isEqualTo(3);
        assertThat(unreachable.err().strip().lines().toList()).last().asString().startsWith("sgplab: ")
                .contains("cannot be reached", "(cluster http://127.0.0.1:9/, context m)");
        assertThat(unreachable.err()).doesNotContain(MockCluster.SECRET);
    }

    @Test
    void anUnknownContextStopsTheRunBeforeAnyCall() {
        startEks();
        cluster.api().forgetRequests();
        CliTest.Result run = clusterRun("--context", "prod");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("sgplab: context \"prod\" is not in " + cluster.kubeconfig()
                + "; its contexts are: m\n");
        assertThat(cluster.api().requests()).isEmpty();
    }

    @Test
    void dryRunShowsEveryObjectAndTheConfigMapChangeAndWritesNothing() {
        FakeEks.installSgpp(cluster.client(), "45");
        cluster.api().forgetRequests();
        CliTest.Result dry = CliTest.run("cluster", "run", "--kubeconfig", cluster.kubeconfig().toString(), "--pods", "12",
                "--cooldown", "30,70", "--interval", "0.02", "--security-group", "sg-0123456789abcdef0", "--run-id", "cli1",
                "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(cluster.api().writes()).isEmpty();
        assertThat(cluster.api().requests()).anyMatch(r -> r.contains("/api/v1/nodes"))
                .anyMatch(r -> r.contains("/configmaps/amazon-vpc-cni"));
        assertThat(dry.err()).isEqualTo("sgplab: dry run, reading only from cluster " + cluster.server()
                + " (context m, kubeconfig " + cluster.kubeconfig() + ")\n");
        assertThat(dry.out()).startsWith("Dry run of cluster run cli1: nothing is written. On 2 SGPP nodes "
                + "(ip-10-0-1-10: 9 branch ENIs, ip-10-0-2-20: 9 branch ENIs) it would:");
        assertThat(dry.out()).contains("create Namespace sgplab:\n  ---\n  apiVersion: \"v1\"\n  kind: \"Namespace\"\n",
                "create SecurityGroupPolicy sgplab/sgplab-cli1:", "kind: \"SecurityGroupPolicy\"", "sg-0123456789abcdef0",
                """
                change ConfigMap kube-system/amazon-vpc-cni, one value per round:
                  data.branch-eni-cooldown: 45 -> 30 (the controller uses 30 s)
                  data.branch-eni-cooldown: 30 -> 70 (the controller uses 70 s)
                  metadata.annotations added while the run lasts:
                    sgplab.dev/changed-by-run: cli1
                    sgplab.dev/previous-branch-eni-cooldown: 45
                  at the end: branch-eni-cooldown back to 45, the annotations removed
                create 12 pods per cooldown, 24 in all (churn-c30-000 .. churn-c70-011), one every 0.02 s; the first:
                """, "name: \"churn-c30-000\"", "getent ahosts", "delete each cooldown's pods after its round, and at the end "
                        + "everything labelled sgplab.dev/run=cli1 (the namespace sgplab with it)");
        assertThat(cluster.client().namespaces().withName("sgplab").get()).isNull();
        assertThat(cluster.client().configMaps().inNamespace("kube-system").withName("amazon-vpc-cni").get().getData())
                .containsEntry("branch-eni-cooldown", "45");
    }

    /**
     * The pods come from the scenario: its workload and dns keys, --set over them, the old options as
     * aliases; the rounds from --cooldown, or one --set cooldown; what the cluster decides is a note.
     */
    @Test
    void theScenarioDrivesThePodsAndTheNotesSayWhatTheClusterDecides() throws Exception {
        startEks();
        Path scenario = dir.resolve("small.yaml");
        Files.writeString(scenario, """
                name: small
                subnet: {cidr: 198.18.0.0/26}
                dns: {ndots: 2}
                workload: {pods: 7, create-interval: fixed(0.02), run-time: fixed(0.5)}
                """);
        CliTest.Result run = CliTest.run("cluster", "run", "--kubeconfig", cluster.kubeconfig().toString(), "--scenario",
                scenario.toString(), "--set", "controller.branch-eni-cooldown=30", "--settle", "1", "--event-timeout", "5",
                "--security-group", "sg-0123456789abcdef0", "--run-id", "scn1", "-o", "json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode doc = run.json();
        assertThat(doc.get("rounds")).hasSize(1);
        assertThat(doc.get("rounds").get(0).get("cooldownSeconds").asInt()).isEqualTo(30);
        assertThat(doc.get("rounds").get(0).get("run").get("pods").asInt()).isEqualTo(7);
        JsonNode assumed = doc.get("rounds").get(0).get("run").get("assumptions");
        assertThat(assumed.get("workload.run-time").asString()).isEqualTo("fixed(0.5)");
        assertThat(assumed.get("dns.ndots").asString()).isEqualTo("2");
        assertThat(doc.get("notes").toString()).contains("subnet.cidr=198.18.0.0/26").doesNotContain("each round sets");

        CliTest.Result dry = CliTest.run("cluster", "run", "--kubeconfig", cluster.kubeconfig().toString(), "--scenario",
                scenario.toString(), "--pods", "3", "--stay", "2", "--lookup", "example.internal", "--security-group",
                "sg-0123456789abcdef0", "--run-id", "scn2", "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("create 3 pods per cooldown, 9 in all (churn-c30-000 .. churn-c70-002), one every "
                + "0.02 s", "value: \"example.internal\"", "value: \"2.00\"", "- name: \"ndots\"\n        value: \"2\"",
                "Note: controller.branch-eni-cooldown: each round sets its own (30 s, 60 s, 70 s), not the scenario's 60",
                "Note: taken from the cluster, not the scenario: its nodes");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "rounds twice  | --cooldown 30 --set controller.branch-eni-cooldown=45 | give the rounds' cooldowns once",
        "not seconds   | --set controller.branch-eni-cooldown=soon           | cluster run needs whole seconds, got 'soon'",
        "busybox       | --set dns.resolver=busybox                          | dns.resolver busybox: cluster run's pods resolve with glibc",
        "unknown key   | --set workload.podz=3                               | unknown key 'workload.podz'",
        "no interval   | --interval 0                                        | --interval and --pod-timeout"
    })
    void scenarioInputACLusterRunCannotUseIsOneLineExitTwoBeforeAnyCall(String name, String more, String message) {
        startEks();
        cluster.api().forgetRequests();
        List<String> args = new java.util.ArrayList<>(List.of("cluster", "run", "--kubeconfig",
                cluster.kubeconfig().toString(),
                "--security-group", "sg-0123456789abcdef0"));
        args.addAll(List.of(more.trim().split("\\s+")));
        CliTest.Result run = CliTest.run(args.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("sgplab: ").contains(message).doesNotContain("\n");
        assertThat(cluster.api().requests()).isEmpty();
    }

    @Test
    void dryRunStopsWhereTheRunWouldStop() {
        CliTest.Result json = clusterRun("--dry-run", "-o", "json");
        assertThat(json.code()).isEqualTo(2);
        assertThat(json.err()).isEqualTo("sgplab: --dry-run prints text, not -o json\n");
        assertThat(cluster.api().requests()).isEmpty();

        CliTest.Result dry = clusterRun("--dry-run");
        assertThat(dry.code()).isEqualTo(2);
        assertThat(dry.err().strip().lines().toList()).last().asString()
                .startsWith("sgplab: this cluster cannot run security groups for pods: the SecurityGroupPolicy CRD");
        assertThat(cluster.api().writes()).isEmpty();
    }

    /**
     * Ctrl-C and SIGTERM in the middle of a round, on sgplab in its own JVM: it deletes what it
     * created, puts the cooldown back, and exits 130 or 143. The JVM is started through
     * `env --default-signal=INT` because a test run as a background job inherits SIGINT ignored.
     */
    @ParameterizedTest(name = "SIG{0} -> {1}")
    @CsvSource({"TERM, 143", "INT, 130"})
    void aSignalMidRunCleansUpAndExitsWithItsCode(String signal, int exit) throws Exception {
        startEks();
        List<String> command = new java.util.ArrayList<>(List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "cluster", "run", "--kubeconfig", cluster.kubeconfig().toString(), "--pods", "300", "--cooldown", "30",
                "--interval", "0.2", "--event-timeout", "20", "--security-group", "sg-0123456789abcdef0", "--run-id", "sig1"));
        Process sgplab = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> log = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread reader = new Thread(() -> new java.io.BufferedReader(new java.io.InputStreamReader(sgplab.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8)).lines().forEach(log::add));
        reader.setDaemon(true);
        reader.start();
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).until(() ->
                    cluster.client().pods().inNamespace("sgplab").withLabel("sgplab.dev/run", "sig1").list().getItems()
                            .size() >= 5);
            assertThat(cluster.client().configMaps().inNamespace("kube-system").withName("amazon-vpc-cni").get().getData())
                    .containsEntry("branch-eni-cooldown", "30");
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(sgplab.pid())).start();
            assertThat(kill.waitFor()).isZero();
            assertThat(sgplab.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as(String.join("\n", log)).isTrue();
        } finally {
            sgplab.destroyForcibly();
        }
        reader.join(5_000);
        assertThat(sgplab.exitValue()).as(String.join("\n", log)).isEqualTo(exit);
        assertThat(log).first().asString().isEqualTo("sgplab: writing to cluster " + cluster.server()
                + " (context m, kubeconfig " + cluster.kubeconfig() + ")");
        assertThat(cluster.client().pods().inAnyNamespace().withLabel("sgplab.dev/run").list().getItems()).isEmpty();
        assertThat(cluster.client().namespaces().withLabel("sgplab.dev/run").list().getItems()).isEmpty();
        io.fabric8.kubernetes.api.model.ConfigMap map = cluster.client().configMaps().inNamespace("kube-system")
                .withName("amazon-vpc-cni").get();
        assertThat(map.getData()).containsEntry("branch-eni-cooldown", "45");
        assertThat(map.getMetadata().getAnnotations() == null ? java.util.Map.of() : map.getMetadata().getAnnotations())
                .doesNotContainKey("sgplab.dev/changed-by-run");
        assertThat(String.join("\n", log)).doesNotContain(MockCluster.SECRET, "NOT CLEANED");
    }

    @Test
    void cleanupRemovesAKilledRunsLeftovers() {
        startEks();
        cluster.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName("sgplab-dead").addToLabels("sgplab.dev/run", "dead").endMetadata().build()).create();
        CliTest.Result cleanup = CliTest.run("cluster", "cleanup", "--kubeconfig", cluster.kubeconfig().toString());
        assertThat(cleanup.code()).as(cleanup.err()).isZero();
        assertThat(cleanup.out()).contains("deleted namespace sgplab-dead", "cleaned up");
        CliTest.Result again = CliTest.run("cluster", "cleanup", "--kubeconfig", cluster.kubeconfig().toString());
        assertThat(again.out().strip()).isEqualTo("nothing to clean up");
    }
}
