package dev.sgplab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sgplab.cluster.FaultyApiServer;
import dev.sgplab.lab.LabAvailability;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `sgplab guard` end to end, as the DaemonSet runs it: its own JVM, pods' pod-eni annotations from
 * an API server (fabric8's, in memory), a real kernel neighbour table (a namespace of this test's
 * own, addresses in 198.18.0.0/15) and its /metrics endpoint.
 */
class GuardCommandIT {
    private static final String STALE_IP = "198.18.9.10";
    private static final String FOREIGN_IP = "198.18.9.11";
    private static final String OLD_MAC = "02:00:00:00:0a:01";
    private static final String NEW_MAC = "02:00:00:00:0b:02";

    @TempDir
    Path dir;
    private final String netns = "sgplab-guardtest-" + ProcessHandle.current().pid();
    private FaultyApiServer api;
    private Process guard;

    @BeforeEach
    void nodeAndApi() throws Exception {
        LabAvailability.require();
        ip("netns", "add", netns);
        ip("-n", netns, "link", "add", "sgg0", "type", "veth", "peer", "name", "sgg1");
        ip("-n", netns, "link", "set", "sgg0", "up");
        ip("-n", netns, "link", "set", "sgg1", "up");
        ip("-n", netns, "addr", "add", "198.18.9.1/24", "dev", "sgg0");
        // what a CoreDNS node holds after the IP changed hands: the old owner's MAC, and one it must not touch
        ip("-n", netns, "neigh", "replace", STALE_IP, "lladdr", OLD_MAC, "nud", "stale", "dev", "sgg0");
        ip("-n", netns, "neigh", "replace", FOREIGN_IP, "lladdr", "02:00:00:00:00:ee", "nud", "stale", "dev", "sgg0");
        api = new FaultyApiServer();
    }

    @AfterEach
    void removeEverything() throws Exception {
        if (guard != null && guard.isAlive()) {
            guard.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (api != null) {
            api.close();
        }
        if (KernelLabIT.namespaces(netns).contains(netns)) {
            ip("netns", "del", netns);
        }
    }

    @Test
    void theNewOwnersAnnotationRepairsTheStaleEntryAndNothingElse() throws Exception {
        KubernetesClient client = api.client();
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: m, context: {cluster: mock, user: u}}]
                current-context: m
                """.formatted(client.getMasterUrl().toString()));
        int port = freePort();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        guard = start(log, "guard", "--kubeconfig", kubeconfig.toString(), "--netns", netns,
                "--metrics-address", "127.0.0.1:" + port, "--sweep-interval", "600");
        await().atMost(Duration.ofSeconds(60)).until(() -> log.stream().anyMatch(l -> l.contains("guard: watching")));

        client.pods().inNamespace("churn").resource(new PodBuilder().withNewMetadata().withName("new-owner")
                .withNamespace("churn").withAnnotations(Map.of("vpc.amazonaws.com/pod-eni", "[{\"eniId\":\"eni-1\","
                        + "\"ifAddress\":\"" + NEW_MAC + "\",\"privateIp\":\"" + STALE_IP + "\",\"vlanId\":1}]"))
                .endMetadata().build()).create();

        await().atMost(Duration.ofSeconds(20)).until(() -> neigh(STALE_IP).contains(NEW_MAC));
        assertThat(neigh(STALE_IP)).contains("\"state\":[\"STALE\"]");
        assertThat(neigh(FOREIGN_IP)).contains("02:00:00:00:00:ee"); // not a pod's IP: left alone
        assertThat(log).anyMatch(l -> l.contains(STALE_IP) && l.contains(OLD_MAC) && l.contains(NEW_MAC));
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("sgplab_guard_repairs_total 1", "sgplab_guard_known_pod_ips 1");

        guard.destroy(); // SIGTERM, as the kubelet stops it
        assertThat(guard.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private static Process start(List<String> log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    log.add(line);
                }
            } catch (IOException ended) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private String neigh(String address) throws Exception {
        return ip("-n", netns, "-j", "neigh", "show", "to", address);
    }

    private static String ip(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
