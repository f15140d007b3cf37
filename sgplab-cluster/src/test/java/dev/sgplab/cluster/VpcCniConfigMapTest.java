package dev.sgplab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class VpcCniConfigMapTest {
    static KubernetesClient client;

    private static void createConfigMap(String cooldown) {
        ConfigMapBuilder map = new ConfigMapBuilder().withNewMetadata().withNamespace("kube-system")
                .withName("amazon-vpc-cni").endMetadata().addToData("enable-windows-ipam", "false");
        if (cooldown != null) {
            map.addToData("branch-eni-cooldown", cooldown);
        }
        client.configMaps().inNamespace("kube-system").resource(map.build()).createOr(c -> c.update());
    }

    @Test
    void readsWithTheControllersRules() {
        createConfigMap(null);
        VpcCniConfigMap map = new VpcCniConfigMap(client, Retries.standard());
        assertThat(map.get()).isEqualTo(new VpcCniConfigMap.Setting(null, 60, null));
        createConfigMap("29");
        assertThat(map.get().effectiveSeconds()).isEqualTo(30);
        assertThat(map.get().warning()).contains("below the controller's minimum");
        createConfigMap("soon");
        assertThat(map.get().effectiveSeconds()).isEqualTo(60);
    }

    @Test
    void setWritesTheKeyKeepsTheRestAndRestorePutsBackWhatWasThere() {
        createConfigMap(null);
        VpcCniConfigMap map = new VpcCniConfigMap(client, Retries.standard());
        VpcCniConfigMap.Setting previous = map.set(70);
        assertThat(previous.value()).isNull();
        assertThat(map.get().value()).isEqualTo("70");
        assertThat(client.configMaps().inNamespace("kube-system").withName("amazon-vpc-cni").get().getData())
                .containsEntry("enable-windows-ipam", "false");
        map.restore(previous.value());
        assertThat(map.get().value()).isNull();
        assertThatThrownBy(() -> map.set(-1)).hasMessageContaining("must not be negative");
    }

    @Test
    void aMissingConfigMapIsOneClearLine() {
        client.configMaps().inNamespace("kube-system").withName("amazon-vpc-cni").delete();
        assertThatThrownBy(() -> new VpcCniConfigMap(client, Retries.standard()).get())
                .isInstanceOf(ClusterException.class)
                .hasMessage("ConfigMap kube-system/amazon-vpc-cni not found: is the Amazon VPC CNI installed (it creates it)?");
    }

    /** 409, 429 and 5xx are retried with growing waits; 403 is not; the last failure propagates. */
    @Test
    void retriesConflictsThrottlingAndServerErrorsOnly() {
        List<Long> waits = new ArrayList<>();
        Retries retries = new Retries(4, waits::add);
        AtomicInteger calls = new AtomicInteger();
        int[] codes = {409, 429, 500};
        String result = retries.call(() -> {
            int call = calls.getAndIncrement();
            if (call < codes.length) {
                throw new KubernetesClientException("failed", codes[call], null);
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(waits).containsExactly(200L, 400L, 800L);
        calls.set(0);
        assertThatThrownBy(() -> retries.call(() -> {
            calls.incrementAndGet();
            throw new KubernetesClientException("no", 403, null);
        })).isInstanceOf(KubernetesClientException.class);
        assertThat(calls.get()).isEqualTo(1);
        assertThatThrownBy(() -> retries.call(() -> {
            throw new KubernetesClientException("busy", 503, null);
        })).isInstanceOf(KubernetesClientException.class);
    }
}
