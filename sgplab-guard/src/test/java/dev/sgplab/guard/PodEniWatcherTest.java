package dev.sgplab.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sgplab.model.guard.GuardRules;
import dev.sgplab.model.neighbour.NudState;
import dev.sgplab.observe.IpNeighEntry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The watcher against fabric8's in-memory API server (CRUD mode). */
@EnableKubernetesMockClient(crud = true)
class PodEniWatcherTest {
    static KubernetesClient client;

    private static Pod pod(String name, String ip, String mac) {
        PodBuilder builder = new PodBuilder().withNewMetadata().withName(name).withNamespace("churn").endMetadata();
        if (ip != null) {
            builder.editMetadata().withAnnotations(Map.of(PodEniAnnotation.KEY,
                    "[{\"eniId\":\"eni-1\",\"ifAddress\":\"" + mac + "\",\"privateIp\":\"" + ip + "\",\"vlanId\":1}]"))
                    .endMetadata();
        }
        return builder.build();
    }

    @Test
    void annotationsBecomeOwnersChangesReplaceThemAndDeletionsForgetThem() {
        GuardAgentTest.FakeTables table = new GuardAgentTest.FakeTables();
        table.entries.add(new IpNeighEntry("198.18.0.10", "eth0", NudState.STALE, GuardAgentTest.OLD));
        client.pods().inNamespace("churn").resource(pod("before", null, null)).create();
        try (GuardAgent agent = new GuardAgent(List.of(table), GuardRules.Action.REPLACE, System::nanoTime, s -> { });
                PodEniWatcher watcher = new PodEniWatcher(agent).start(client, 0)) {
            await().atMost(Duration.ofSeconds(10)).until(watcher::synced);
            assertThat(agent.owners()).isEmpty(); // a pod without the annotation is ignored

            client.pods().inNamespace("churn").resource(pod("new-owner", "198.18.0.10", GuardAgentTest.NEW)).create();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                agent.drain();
                assertThat(table.forIp("198.18.0.10")).containsExactly(
                        new IpNeighEntry("198.18.0.10", "eth0", NudState.STALE, GuardAgentTest.NEW));
            });

            // the controller re-annotates (a new ENI): the new MAC replaces the old owner
            client.pods().inNamespace("churn").resource(pod("new-owner", "198.18.0.10", "02:00:00:00:00:0c")).update();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "02:00:00:00:00:0c".equals(agent.owners().get("198.18.0.10")));

            client.pods().inNamespace("churn").withName("new-owner").delete();
            await().atMost(Duration.ofSeconds(10)).until(() -> agent.owners().isEmpty());
        }
    }
}
