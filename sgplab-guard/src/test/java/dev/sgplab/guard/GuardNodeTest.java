package dev.sgplab.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sgplab.model.guard.GuardRules;
import dev.sgplab.model.neighbour.NudState;
import dev.sgplab.observe.IpNeighEntry;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The assembled node agent against fabric8's in-memory API server: watcher, agent and /metrics together. */
@EnableKubernetesMockClient(crud = true)
class GuardNodeTest {
    static KubernetesClient client;

    private static GuardNode.Settings settings() {
        return new GuardNode.Settings(GuardRules.Action.REPLACE, 30, new InetSocketAddress("127.0.0.1", 0), "ip",
                List.of());
    }

    @Test
    void anAnnotatedPodRepairsItsStaleEntryAndMetricsAreServed() throws Exception {
        GuardAgentTest.FakeTables table = new GuardAgentTest.FakeTables();
        table.entries.add(new IpNeighEntry("198.18.0.10", "eth0", NudState.STALE, GuardAgentTest.OLD));
        try (GuardNode node = GuardNode.start(List.of(table), null, settings(), client, System::nanoTime, s -> { })) {
            assertThat(node.describe()).matches("replace on 1 table\\(s\\); metrics on :\\d+/metrics");
            client.pods().inNamespace("churn").resource(new PodBuilder().withNewMetadata().withName("p")
                    .withNamespace("churn").withAnnotations(Map.of(PodEniAnnotation.KEY,
                            "[{\"eniId\":\"eni-1\",\"ifAddress\":\"" + GuardAgentTest.NEW
                                    + "\",\"privateIp\":\"198.18.0.10\",\"vlanId\":1}]"))
                    .endMetadata().build()).create();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                node.agent().drain();
                assertThat(table.forIp("198.18.0.10")).containsExactly(
                        new IpNeighEntry("198.18.0.10", "eth0", NudState.STALE, GuardAgentTest.NEW));
            });
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + node.metrics().port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("sgplab_guard");
        }
    }

    @Test
    void theTablesAreTheNamedNamespacesOrTheAgentsOwn() {
        assertThat(GuardNode.tables(settings())).singleElement().extracting(NeighbourTables::name).isNotNull();
        GuardNode.Settings two = new GuardNode.Settings(GuardRules.Action.DELETE, 5,
                new InetSocketAddress("127.0.0.1", 0), "ip", List.of("a", "b"));
        assertThat(GuardNode.tables(two)).hasSize(2);
    }
}
