package dev.sgplab.cluster;

import dev.sgplab.model.controller.Cooldown;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The VPC Resource Controller's setting: key {@code branch-eni-cooldown} in ConfigMap
 * kube-system/amazon-vpc-cni, read with the controller's own rules ({@link Cooldown}: missing or
 * unparsable means 60 s, below 30 s means 30 s).
 */
public final class VpcCniConfigMap {
    public static final String NAMESPACE = "kube-system";
    public static final String NAME = "amazon-vpc-cni";

    /** The value as written (null when absent) and what the controller makes of it. */
    public record Setting(String value, long effectiveSeconds, String warning) {
    }

    private final KubernetesClient client;
    private final Retries retries;

    public VpcCniConfigMap(KubernetesClient client, Retries retries) {
        this.client = client;
        this.retries = retries;
    }

    public Setting get() {
        ConfigMap map = read();
        String value = map.getData() == null ? null : map.getData().get(Cooldown.CONFIG_MAP_KEY);
        return interpret(value);
    }

    static Setting interpret(String value) {
        Cooldown.Parsed parsed = Cooldown.fromConfigMapValue(value);
        return new Setting(value, Math.round(parsed.cooldown().periodSeconds()), parsed.warning());
    }

    /** Writes the value (re-reading on 409); returns the previous setting. */
    public Setting set(long seconds) {
        if (seconds < 0) {
            throw new ClusterException("a cooldown must not be negative, got " + seconds);
        }
        Setting previous = get();
        write(Long.toString(seconds));
        return previous;
    }

    /** Puts back a value read earlier (null: removes the key, as it was). */
    public void restore(String value) {
        write(value);
    }

    private void write(String value) {
        try {
            retries.call(() -> client.configMaps().inNamespace(NAMESPACE).withName(NAME).edit(map -> {
                Map<String, String> data = map.getData() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map.getData());
                if (value == null) {
                    data.remove(Cooldown.CONFIG_MAP_KEY);
                } else {
                    data.put(Cooldown.CONFIG_MAP_KEY, value);
                }
                map.setData(data);
                return map;
            }));
        } catch (KubernetesClientException e) {
            throw new ClusterException("cannot update ConfigMap " + NAMESPACE + "/" + NAME + ": " + KubeClients.explain(e));
        }
    }

    private ConfigMap read() {
        ConfigMap map;
        try {
            map = retries.call(() -> client.configMaps().inNamespace(NAMESPACE).withName(NAME).get());
        } catch (KubernetesClientException e) {
            throw new ClusterException("cannot read ConfigMap " + NAMESPACE + "/" + NAME + ": " + KubeClients.explain(e));
        }
        if (map == null) {
            throw new ClusterException("ConfigMap " + NAMESPACE + "/" + NAME
                    + " not found: is the Amazon VPC CNI installed (it creates it)?");
        }
        return map;
    }
}
