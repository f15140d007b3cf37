package dev.sgplab.cluster;

import dev.sgplab.model.controller.Cooldown;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * `sgplab cluster cleanup`: what killed runs left — their pods, SecurityGroupPolicies and the
 * namespaces they created, found by the run label — and a cooldown a run changed and did not put
 * back (the ConfigMap's notes say which value to restore). One run, or all of them.
 */
public final class ClusterCleanup {
    private ClusterCleanup() {
    }

    /** One line per thing removed or restored; none when the cluster was clean. */
    public record Report(List<String> lines) {
    }

    public static Report run(KubernetesClient client, Retries retries, String runId) {
        List<String> lines = new ArrayList<>();
        RunResources.Leftovers deleted = new RunResources(client, retries).delete(runId);
        deleted.pods().forEach(p -> lines.add("deleted pod " + p));
        deleted.policies().forEach(p -> lines.add("deleted SecurityGroupPolicy " + p));
        deleted.namespaces().forEach(n -> lines.add("deleted namespace " + n));
        VpcCniConfigMap.Restored restored = new VpcCniConfigMap(client, retries).restoreRun(runId);
        if (restored != null) {
            lines.add(Cooldown.CONFIG_MAP_KEY + (restored.value() == null ? " removed again" : " restored to " + restored.value())
                    + " (changed by run " + restored.runId() + ")");
        }
        return new Report(List.copyOf(lines));
    }
}
