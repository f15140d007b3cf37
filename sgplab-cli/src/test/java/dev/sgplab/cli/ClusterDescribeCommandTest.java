package dev.sgplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sgplab.cluster.describe.Ec2QueryServer;
import dev.sgplab.cluster.describe.EksLikeCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * `sgplab cluster describe` as a user runs it, against fabric8's mock API server loaded with an
 * EKS-like cluster: the round trip describe -> scenario file -> simulate with no edit, EC2 through
 * --ec2-endpoint, refused reads, bad options checked before any call, and reads only.
 */
class ClusterDescribeCommandTest {
    private static final String SECRET = "t0ken-n0t-to-print";
    @TempDir
    Path dir;
    @RegisterExtension
    final MockCluster eks = MockCluster.eksLike(SECRET);

    /**
     * Writes docs/examples/described-eks.yaml, the worked example of docs/operators.md: describe of
     * this fixture as a user runs it (-Dsgplab.example.write=PATH; skipped otherwise).
     */
    @Test
    @EnabledIfSystemProperty(named = "sgplab.example.write", matches = ".+")
    void writeTheWorkedExample() throws Exception {
        CliTest.Result described = CliTest.run("cluster", "describe", "--kubeconfig", eks.kubeconfig().toString(),
                "--free-ips", "900");
        assertThat(described.code()).as(described.err()).isZero();
        Files.writeString(Path.of(System.getProperty("sgplab.example.write")), described.out());
    }

    @Test
    void describeThenSimulateWithNoEdit() throws Exception {
        CliTest.Result described = CliTest.run("cluster", "describe", "--kubeconfig", eks.kubeconfig().toString(),
                "--free-ips", "900");
        assertThat(described.code()).as(described.err()).isZero();
        assertThat(described.err()).startsWith("sgplab: describing cluster " + eks.api().client().getMasterUrl())
                .contains("describe: list pods (all namespaces)").doesNotContain(SECRET);
        assertThat(described.out()).startsWith("# Written by `sgplab cluster describe` from cluster "
                + eks.api().client().getMasterUrl() + ", context m at ").contains("workloads:\n  - name: nightly  # CronJob batch/nightly",
                "  - name: api  # Deployment payments/api\n    kind: deployment");
        assertThat(eks.api().writes()).as("describe only reads").isEmpty();

        Path scenario = dir.resolve("my-cluster.yaml");
        Files.writeString(scenario, described.out());
        CliTest.Result simulated = CliTest.run("simulate", "--scenario", scenario.toString(), "--seed", "3", "-o", "json");
        assertThat(simulated.code()).as(simulated.err()).isZero();
        assertThat(simulated.json().toString()).contains("described-cluster");
        assertThat(simulated.json().get("workloads")).extracting(w -> w.get("name").asString())
                .containsExactly("nightly", "api", "bare-default");
        // payments/api's pods replaced outside its rollouts (described as pod-replacement-interval) are simulated
        assertThat(described.out()).contains("    pod-replacement-interval: exponential(");
        assertThat(simulated.json().get("workloads").get(1).get("podReplacements").asInt()).isPositive();

        // and advise takes the same file, unedited: per-workload figures for the described workloads
        CliTest.Result advised = CliTest.run("advise", "--scenario", scenario.toString(), "--seed", "3",
                "--replications", "3", "--target", "0.05", "-o", "json");
        assertThat(advised.code()).as(advised.err()).isZero();
        assertThat(advised.json().get("current").get("perDay").get("workloads"))
                .extracting(w -> w.get("workload").asString()).containsExactly("nightly", "api", "bare-default");
        assertThat(advised.json().get("assumptions").get("dns.resolver").asString()).isEqualTo("glibc");
    }

    @Test
    void ec2AnswersThroughItsEndpointWithTheDefaultCredentialChain() throws Exception {
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        try (Ec2QueryServer ec2 = new Ec2QueryServer(200, Ec2QueryServer.subnets("subnet-0aa", EksLikeCluster.SUBNET, 950))) {
            CliTest.Result r = CliTest.run("cluster", "describe", "--kubeconfig", eks.kubeconfig().toString(), "--ec2-endpoint",
                    ec2.endpoint().toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("  used-by-others: 69  # 1019 usable - 950 free (EC2 DescribeSubnets subnet-0aa");
            assertThat(r.err()).contains("describe: EC2 DescribeSubnets");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void aMissingPermissionIsOneLineNamingVerbAndResource() {
        eks.api().fail("GET", "/api/v1/namespaces/kube-system/configmaps/amazon-vpc-cni", 403, 1);
        CliTest.Result r = CliTest.run("cluster", "describe", "--kubeconfig", eks.kubeconfig().toString(), "--no-ec2");
        assertThat(r.code()).isEqualTo(Errors.BAD_INPUT);
        assertThat(r.out()).as("nothing half-written").isEmpty();
        assertThat(r.err().lines().filter(l -> !l.startsWith("describe: ") && !l.startsWith("sgplab: describing")))
                .containsExactly("sgplab: cannot get configmaps kube-system/amazon-vpc-cni: forbidden (403): injected 403 "
                        + "(describe needs the read-only RBAC in deploy/k8s/describe-rbac.yaml) (cluster "
                        + eks.api().client().getMasterUrl() + ", context m)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--window|1.5h|sgplab: --window: expected a positive duration such as 24h, 90m, 2d or 3600s, got '1.5h'",
        "--window|0d|sgplab: --window: expected a positive duration such as 24h, 90m, 2d or 3600s, got '0d'",
        "--free-ips|-1|sgplab: --free-ips must not be negative, got -1",
        "--ec2-endpoint|ftp://x|sgplab: --ec2-endpoint: expected an http:// or https:// URL, got 'ftp://x'",
        "--context|nope|sgplab: context \"nope\" is not in"})
    void badInputIsExitTwoBeforeAnyCall(String option, String value, String message) {
        CliTest.Result r = CliTest.run("cluster", "describe", "--kubeconfig", eks.kubeconfig().toString(), option, value);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith(message).hasLineCount(1);
        assertThat(r.out()).isEmpty();
        assertThat(eks.api().requests()).isEmpty();
    }
}
