package dev.sgplab.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sgplab.model.guard.GuardRules;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.WatchEventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A watch that the API server drops (410 Gone: the history was compacted) while a pod's annotation
 * changes: the informer re-lists and resumes, and the guard ends up with the new owner.
 */
@EnableKubernetesMockClient(https = false)
class PodEniWatcherResumeTest {
    KubernetesMockServer server;
    KubernetesClient client;

    private static Pod pod(String mac, String resourceVersion) {
        return new PodBuilder().withNewMetadata().withNamespace("churn").withName("p").withUid("uid-p")
                .withResourceVersion(resourceVersion)
                .withAnnotations(Map.of(PodEniAnnotation.KEY,
                        "[{\"ifAddress\":\"" + mac + "\",\"privateIp\":\"198.18.0.10\"}]"))
                .endMetadata().build();
    }

    @Test
    void aDroppedWatchIsResumedAndTheChangeMissedMeanwhileIsPickedUp() {
        Status gone = new StatusBuilder().withCode(HttpURLConnection.HTTP_GONE).withMessage("410: too old").build();
        WatchEvent outdated = new WatchEventBuilder().withType("ERROR").withObject(gone).build();
        server.expect().withPath("/api/v1/pods?resourceVersion=0")
                .andReturn(200, new PodListBuilder().withNewMetadata().withResourceVersion("1000").endMetadata().build())
                .once();
        server.expect().withPath("/api/v1/pods?allowWatchBookmarks=true&resourceVersion=1000&timeoutSeconds=600&watch=true")
                .andUpgradeToWebSocket().open()
                .waitFor(50).andEmit(new WatchEvent(pod(GuardAgentTest.OLD, "1001"), "ADDED"))
                .waitFor(200).andEmit(outdated)
                .done().always();
        // while the watch was down the controller re-annotated the pod with a new ENI
        server.expect().withPath("/api/v1/pods")
                .andReturn(200, new PodListBuilder().withNewMetadata().withResourceVersion("1002").endMetadata()
                        .withItems(pod(GuardAgentTest.NEW, "1002")).build())
                .always();
        server.expect().withPath("/api/v1/pods?allowWatchBookmarks=true&resourceVersion=1002&timeoutSeconds=600&watch=true")
                .andUpgradeToWebSocket().open().done().always();

        GuardAgentTest.FakeTables table = new GuardAgentTest.FakeTables();
        try (GuardAgent agent = new GuardAgent(List.of(table), GuardRules.Action.REPLACE, System::nanoTime, s -> { });
                PodEniWatcher watcher = new PodEniWatcher(agent).start(client, 0)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> GuardAgentTest.OLD.equals(agent.owners().get("198.18.0.10")));
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> GuardAgentTest.NEW.equals(agent.owners().get("198.18.0.10")));
        }
    }
}
