package dev.sgplab.cluster;

import dev.sgplab.model.controller.Cooldown;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

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

    /** What the controller makes of a value as written (null: the key is absent). */
    public static Setting interpret(String value) {
        Cooldown.Parsed parsed = Cooldown.fromConfigMapValue(value);
        return new Setting(value, Math.round(parsed.cooldown().periodSeconds()), parsed.warning());
    }

    /** The run whose change the ConfigMap's notes say is still to be put back; null when none. */
    public String changedByRun() {
        Map<String, String> notes = read().getMetadata().getAnnotations();
        return notes == null ? null : notes.get(RunLabels.CONFIG_MAP_RUN);
    }

    /** Writes the value (re-reading on 409); returns the previous setting. */
    public Setting set(long seconds) {
        if (seconds < 0) {
            throw new ClusterException("a cooldown must not be negative, got " + seconds);
        }
        Setting previous = get();
        edit(map -> setValue(map, Long.toString(seconds)));
        return previous;
    }

    /** Puts back a value read earlier (null: removes the key, as it was). */
    public void restore(String value) {
        edit(map -> setValue(map, value));
    }

    /**
     * Sets the cooldown for a run, first noting on the ConfigMap (annotations) which run changed it
     * and the value it had, so that the value comes back even if the run is killed
     * ({@link #restoreRun}, `cluster cleanup`). Returns the setting before this write.
     */
    public Setting setForRun(long seconds, String runId) {
        if (seconds < 0) {
            throw new ClusterException("a cooldown must not be negative, got " + seconds);
        }
        Setting previous = get();
        edit(map -> {
            Map<String, String> notes = annotations(map);
            String owner = notes.get(RunLabels.CONFIG_MAP_RUN);
            if (owner != null && !owner.equals(runId)) {
                throw new ClusterException("sgplab run " + owner + " has changed " + Cooldown.CONFIG_MAP_KEY
                        + " and not put it back; if that run is gone, run `sgplab cluster cleanup`");
            }
            if (owner == null) {
                String value = map.getData() == null ? null : map.getData().get(Cooldown.CONFIG_MAP_KEY);
                notes.put(RunLabels.CONFIG_MAP_RUN, runId);
                notes.put(RunLabels.CONFIG_MAP_PREVIOUS, value == null ? RunLabels.ABSENT : value);
                map.getMetadata().setAnnotations(notes);
            }
            setValue(map, Long.toString(seconds));
        });
        return previous;
    }

    /** A value put back after a run: which run had changed it, and what the key holds again. */
    public record Restored(String runId, String value) {
    }

    /**
     * Puts back the value a run noted (any run's when runId is null) and removes the notes; null
     * when no such run has changed the ConfigMap.
     */
    public Restored restoreRun(String runId) {
        if (retries.call("read ConfigMap " + NAMESPACE + "/" + NAME,
                () -> client.configMaps().inNamespace(NAMESPACE).withName(NAME).get()) == null) {
            return null; // nothing to put back into
        }
        Restored[] restored = new Restored[1];
        edit(map -> {
            Map<String, String> notes = annotations(map);
            String owner = notes.get(RunLabels.CONFIG_MAP_RUN);
            if (owner == null || (runId != null && !owner.equals(runId))) {
                return;
            }
            String previous = notes.remove(RunLabels.CONFIG_MAP_PREVIOUS);
            notes.remove(RunLabels.CONFIG_MAP_RUN);
            String value = previous == null || previous.equals(RunLabels.ABSENT) ? null : previous;
            map.getMetadata().setAnnotations(notes);
            setValue(map, value);
            restored[0] = new Restored(owner, value);
        });
        return restored[0];
    }

    /** Drops a run's notes and keeps the value it wrote (--keep-cooldown). */
    public void forgetRun(String runId) {
        edit(map -> {
            Map<String, String> notes = annotations(map);
            if (runId.equals(notes.get(RunLabels.CONFIG_MAP_RUN))) {
                notes.remove(RunLabels.CONFIG_MAP_RUN);
                notes.remove(RunLabels.CONFIG_MAP_PREVIOUS);
                map.getMetadata().setAnnotations(notes);
            }
        });
    }

    private static Map<String, String> annotations(ConfigMap map) {
        Map<String, String> notes = map.getMetadata().getAnnotations();
        return notes == null ? new LinkedHashMap<>() : new LinkedHashMap<>(notes);
    }

    private static void setValue(ConfigMap map, String value) {
        Map<String, String> data = map.getData() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map.getData());
        if (value == null) {
            data.remove(Cooldown.CONFIG_MAP_KEY);
        } else {
            data.put(Cooldown.CONFIG_MAP_KEY, value);
        }
        map.setData(data);
    }

    /** Read, change, write; a 409 (someone else wrote in between) reads again. */
    private void edit(Consumer<ConfigMap> change) {
        retries.call("update ConfigMap " + NAMESPACE + "/" + NAME,
                () -> client.configMaps().inNamespace(NAMESPACE).withName(NAME).edit(map -> {
                    change.accept(map);
                    return map;
                }));
    }

    private ConfigMap read() {
        ConfigMap map = retries.call("read ConfigMap " + NAMESPACE + "/" + NAME,
                () -> client.configMaps().inNamespace(NAMESPACE).withName(NAME).get());
        if (map == null) {
            throw new ClusterException("ConfigMap " + NAMESPACE + "/" + NAME
                    + " not found: is the Amazon VPC CNI installed (it creates it)?");
        }
        return map;
    }
}
