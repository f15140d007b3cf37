package dev.sgplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sgplab cluster cooldown` against fabric8's in-memory API server, through a kubeconfig. */
@EnableKubernetesMockClient(crud = true, https = false)
class ClusterCommandTest {
    static KubernetesClient client;
    @TempDir
    Path dir;
    private Path kubeconfig;

    @BeforeEach
    void kubeconfigForTheMockServer() throws Exception {
        kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s"}}]
                users: [{name: u, user: {token: t0ken-n0t-to-print}}]
                contexts: [{name: m, context: {cluster: mock, user: u}}]
                current-context: m
                """.formatted(client.getMasterUrl().toString()));
        client.configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
                .withNamespace("kube-system").withName("amazon-vpc-cni").endMetadata().build()).createOr(c -> c.update());
    }

    @Test
    void getAndSetFollowTheControllersRules() {
        CliTest.Result get = CliTest.run("cluster", "cooldown", "get", "--kubeconfig", kubeconfig.toString());
        assertThat(get.code()).as(get.err()).isZero();
        assertThat(get.out()).contains("branch-eni-cooldown: not set (the controller starts with 60 s and keeps the last value it read)");
        CliTest.Result set = CliTest.run("cluster", "cooldown", "set", "20", "--kubeconfig", kubeconfig.toString());
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.out()).contains("not set -> 20 (the controller uses 30 s");
        assertThat(set.err()).contains("warning: branch-eni-cooldown 20 s is below the controller's minimum");
        assertThat(client.configMaps().inNamespace("kube-system").withName("amazon-vpc-cni").get().getData())
                .containsEntry("branch-eni-cooldown", "20");
        assertThat(get.out() + get.err() + set.out() + set.err()).doesNotContain("t0ken-n0t-to-print");
    }

    @Test
    void badArgumentsAndAMissingConfigMap() {
        assertThat(CliTest.run("cluster", "cooldown", "set", "--kubeconfig", kubeconfig.toString()).err())
                .contains("needs SECONDS");
        client.configMaps().inNamespace("kube-system").withName("amazon-vpc-cni").delete();
        CliTest.Result missing = CliTest.run("cluster", "cooldown", "get", "--kubeconfig", kubeconfig.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo(
                "sgplab: ConfigMap kube-system/amazon-vpc-cni not found: is the Amazon VPC CNI installed (it creates it)?");
    }
}
