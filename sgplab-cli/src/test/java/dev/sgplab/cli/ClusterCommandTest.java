package dev.sgplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * `sgplab cluster cooldown` against fabric8's in-memory API server, through a kubeconfig: the
 * context it names, the line before a write, --dry-run, and the exit codes.
 */
class ClusterCommandTest {
    @RegisterExtension
    final MockCluster cluster = new MockCluster();
    @TempDir
    Path dir;
    private Path kubeconfig;

    @BeforeEach
    void kubeconfigForTheMockServer() throws Exception {
        kubeconfig = kubeconfig("kubeconfig", cluster.server());
        cluster.client().configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
                .withNamespace("kube-system").withName("amazon-vpc-cni").endMetadata().build()).createOr(c -> c.update());
        cluster.api().forgetRequests();
    }

    /** Context m is the mock server; context other is a cluster nobody must touch (a closed port). */
    private Path kubeconfig(String name, String mServer) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s"}}, {name: prod, cluster: {server: "http://127.0.0.1:9/"}}]
                users: [{name: u, user: {token: %s}}]
                contexts: [{name: m, context: {cluster: mock, user: u}}, {name: other, context: {cluster: prod, user: u}}]
                current-context: m
                """.formatted(mServer, MockCluster.SECRET));
        return file;
    }

    private String configMapValue() {
        var data = cluster.client().configMaps().inNamespace("kube-system").withName("amazon-vpc-cni").get()
                .getData();
        return data == null ? null : data.get("branch-eni-cooldown");
    }

    @Test
    void getAndSetFollowTheControllersRules() {
        CliTest.Result get = CliTest.run("cluster", "cooldown", "get", "--kubeconfig", kubeconfig.toString());
        assertThat(get.code()).as(get.err()).isZero();
        assertThat(get.out()).contains("branch-eni-cooldown: not set (the controller starts with 60 s and keeps the last value it read)");
        assertThat(get.err()).doesNotContain("writing to");
        CliTest.Result set = CliTest.run("cluster", "cooldown", "set", "20", "--kubeconfig", kubeconfig.toString(),
                "--context", "m");
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.out()).contains("not set -> 20 (the controller uses 30 s");
        assertThat(set.err()).startsWith("sgplab: writing to cluster " + cluster.server() + " (context m, kubeconfig "
                + kubeconfig + ")\n");
        assertThat(set.err()).contains("warning: branch-eni-cooldown 20 s is below the controller's minimum");
        assertThat(configMapValue()).isEqualTo("20");
        assertThat(get.out() + get.err() + set.out() + set.err()).doesNotContain(MockCluster.SECRET);
    }

    @Test
    void anUnknownContextIsAnErrorBeforeAnyCall() {
        CliTest.Result set = CliTest.run("cluster", "cooldown", "set", "45", "--kubeconfig", kubeconfig.toString(),
                "--context", "nope");
        assertThat(set.code()).isEqualTo(2);
        assertThat(set.out()).isEmpty();
        assertThat(set.err()).isEqualTo("sgplab: context \"nope\" is not in " + kubeconfig + "; its contexts are: m, other\n");
        assertThat(cluster.api().requests()).isEmpty();
        assertThat(configMapValue()).isNull();
    }

    @Test
    void dryRunShowsTheChangeAndWritesNothing() {
        cluster.client().configMaps().inNamespace("kube-system").withName("amazon-vpc-cni")
                .edit(c -> new ConfigMapBuilder(c).addToData("branch-eni-cooldown", "45").build());
        cluster.api().forgetRequests();
        CliTest.Result dry = CliTest.run("cluster", "cooldown", "set", "70", "--dry-run", "--kubeconfig", kubeconfig.toString());
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).isEqualTo("""
                Dry run: nothing is written. It would change ConfigMap kube-system/amazon-vpc-cni:
                  data.branch-eni-cooldown: 45 -> 70 (the controller would use 70 s)
                """);
        assertThat(dry.err()).startsWith("sgplab: dry run, reading only from cluster " + cluster.server()
                + " (context m")
                .doesNotContain("writing to");
        assertThat(cluster.api().requests()).isNotEmpty();
        assertThat(cluster.api().writes()).isEmpty();
        assertThat(configMapValue()).isEqualTo("45");
    }

    @Test
    void badArgumentsAndAMissingConfigMap() {
        assertThat(CliTest.run("cluster", "cooldown", "set", "--kubeconfig", kubeconfig.toString()).err())
                .contains("needs SECONDS");
        assertThat(CliTest.run("cluster", "cooldown", "get", "--dry-run", "--kubeconfig", kubeconfig.toString()).err())
                .isEqualTo("sgplab: --dry-run goes with cluster cooldown set\n");
        cluster.client().configMaps().inNamespace("kube-system").withName("amazon-vpc-cni").delete();
        CliTest.Result missing = CliTest.run("cluster", "cooldown", "get", "--kubeconfig", kubeconfig.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("sgplab: ConfigMap kube-system/amazon-vpc-cni not found: is the "
                + "Amazon VPC CNI installed (it creates it)? (cluster " + cluster.server() + ", context m)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            401 (credentials) | 401 | 4 | cannot read ConfigMap kube-system/amazon-vpc-cni: the Kubernetes API refused the credentials (401)
            403 (RBAC)        | 403 | 4 | cannot read ConfigMap kube-system/amazon-vpc-cni: forbidden (403): injected 403
            503 every time    | 503 | 3 | cannot read ConfigMap kube-system/amazon-vpc-cni: the Kubernetes API answered 503: injected 503
            """)
    void refusalsAndBrokenServersHaveTheirOwnExitCodes(String name, int status, int exit, String message) {
        cluster.api().fail("GET", "/configmaps/amazon-vpc-cni", status, 100);
        CliTest.Result r = CliTest.run("cluster", "cooldown", "get", "--kubeconfig", kubeconfig.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(exit);
        assertThat(r.err()).isEqualTo("sgplab: " + message + " (cluster " + cluster.server() + ", context m)\n");
        assertThat(r.err()).doesNotContain(MockCluster.SECRET);
    }

    @Test
    void aClosedPortIsUnreachableExitThree() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } // closed: nothing listens there now
        Path closed = kubeconfig("closed", "http://127.0.0.1:" + port + "/");
        CliTest.Result r = CliTest.run("cluster", "cooldown", "set", "60", "--kubeconfig", closed.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err().lines()).hasSize(2);
        assertThat(r.err().lines().toList().get(1)).isEqualTo("sgplab: cannot read ConfigMap kube-system/amazon-vpc-cni: "
                + "the Kubernetes API server cannot be reached: connection refused (cluster http://127.0.0.1:" + port
                + "/, context m)");
        assertThat(r.err()).doesNotContain(MockCluster.SECRET);
    }

    @Test
    void everyHelpEndsWithTheExitCodes() {
        for (String[] command : new String[][] {{"cluster", "run", "--help"}, {"cluster", "cooldown", "--help"},
                {"guard", "--help"}, {"reproduce", "--help"}, {"--help"}}) {
            CliTest.Result help = CliTest.run(command);
            assertThat(help.code()).isZero();
            assertThat(help.out()).as(String.join(" ", command)).contains("Exit codes:",
                    "  2   bad usage or input", "  3   the Kubernetes API server cannot be reached",
                    "  4   the Kubernetes API server refused", "130   interrupted (Ctrl-C)", "143   stopped by SIGTERM");
        }
    }

    @Test
    void theReadmesExitCodesAreTheTableTheCommandsUse() throws Exception {
        java.util.Map<Integer, String> documented = new java.util.LinkedHashMap<>();
        String readme = Files.readString(Path.of("../README.md"));
        String section = readme.substring(readme.indexOf("## Exit codes"));
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\| (\\d+) \\| (.+) \\|$").matcher(section);
        while (row.find()) {
            documented.put(Integer.parseInt(row.group(1)), row.group(2));
        }
        assertThat(documented.keySet()).containsExactlyElementsOf(Errors.TABLE.keySet());
    }

    @Test
    void aRunStoppedByItsCleanupIsExit130() {
        picocli.CommandLine cli = Sgplab.commandLine();
        java.io.StringWriter err = new java.io.StringWriter();
        cli.setErr(new java.io.PrintWriter(err));
        assertThat(Errors.onFailure(new dev.sgplab.cluster.ClusterRun.Interrupted(), cli, null)).isEqualTo(130);
        assertThat(err.toString()).isEqualTo("sgplab: the run was interrupted; what it created was deleted\n");
        assertThat(Errors.onFailure(new dev.sgplab.cluster.ClusterException(
                dev.sgplab.cluster.ClusterException.Kind.INTERRUPTED, "interrupted"), cli, null)).isEqualTo(130);
    }

    /** The guard shares the option block: the same context check, and a refusal is exit code 4 naming the cluster. */
    @Test
    void theGuardChecksTheContextAndARefusalIsFour() {
        CliTest.Result unknown = CliTest.run("guard", "--kubeconfig", kubeconfig.toString(), "--context", "nope",
                "--metrics-address", "127.0.0.1:0");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("sgplab: context \"nope\" is not in " + kubeconfig + "; its contexts are: m, other\n");
        assertThat(cluster.api().requests()).isEmpty();
        cluster.api().fail("GET", "/api/v1/pods", 403, 1);
        CliTest.Result forbidden = CliTest.run("guard", "--kubeconfig", kubeconfig.toString(), "--metrics-address", "127.0.0.1:0");
        assertThat(forbidden.code()).as(forbidden.err()).isEqualTo(4);
        assertThat(forbidden.err().strip().lines().filter(l -> l.startsWith("sgplab:")).toList()).containsExactly(
                "sgplab: forbidden (403): the guard's service account needs list and watch on pods (cluster "
                        + cluster.server() + ", context m)");
    }
}
