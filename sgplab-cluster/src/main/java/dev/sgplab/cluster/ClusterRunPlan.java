package dev.sgplab.cluster;

import dev.sgplab.model.controller.Cooldown;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * `cluster run --dry-run`: what a run would create and change, found with reads only — the same
 * checks the run makes first (SGPP support, the ConfigMap, the namespace, another run's unfinished
 * change) and every object it would write, rendered as it would be sent. Nothing is written.
 */
public final class ClusterRunPlan {
    private ClusterRunPlan() {
    }

    /** The plan as lines for the user; a ClusterException when the run would stop before writing. */
    public static List<String> describe(KubernetesClient client, Retries retries, ClusterRun.Options options) {
        List<SgppSupport.Node> nodes = SgppSupport.check(client, retries);
        VpcCniConfigMap configMap = new VpcCniConfigMap(client, retries);
        VpcCniConfigMap.Setting before = configMap.get();
        String owner = configMap.changedByRun();
        if (owner != null && !owner.equals(options.runId())) {
            throw new ClusterException("sgplab run " + owner + " has changed " + Cooldown.CONFIG_MAP_KEY
                    + " and not put it back; if that run is gone, run `sgplab cluster cleanup`");
        }
        String ns = options.namespace();
        boolean namespaceExists = new RunResources(client, retries).existingNamespace(ns) != null;
        String id = options.runId();
        List<String> lines = new ArrayList<>();
        lines.add("Dry run of cluster run " + id + ": nothing is written. On " + nodes.size() + " SGPP nodes ("
                + nodes.stream().map(n -> n.name() + ": " + n.podEniCapacity() + " branch ENIs")
                        .collect(Collectors.joining(", ")) + ") it would:");
        lines.add("");
        if (namespaceExists) {
            lines.add("use namespace " + ns + ", which exists (not created, not deleted)");
        } else {
            lines.add("create Namespace " + ns + ":");
            lines.addAll(yaml(client, RunResources.namespace(ns, id)));
        }
        lines.add("create SecurityGroupPolicy " + ns + "/" + RunResources.policyName(id) + ":");
        lines.addAll(yaml(client, RunResources.securityGroupPolicy(ns, id, options.securityGroupIds())));
        lines.addAll(configMapChange(before.value(), options));
        ChurnPlan plan = options.plan();
        ChurnPodTemplate template = new ChurnPodTemplate(id, ns, options.image(), plan);
        List<Long> cooldowns = options.cooldowns();
        lines.add(String.format(Locale.ROOT, "create %d pods per cooldown, %d in all (%s .. %s), %s; the first:",
                plan.pods(), plan.pods() * cooldowns.size(), ChurnPodTemplate.name(cooldowns.get(0), 0),
                ChurnPodTemplate.name(cooldowns.get(cooldowns.size() - 1), plan.pods() - 1), plan.spacing()));
        lines.addAll(yaml(client, template.pod(cooldowns.get(0), 0)));
        lines.add("delete each cooldown's pods after its round, and at the end everything labelled "
                + RunLabels.RUN + "=" + id + (namespaceExists ? "" : " (the namespace " + ns + " with it)"));
        lines.add("");
        plan.notes(cooldowns).forEach(note -> lines.add("Note: " + note));
        return lines;
    }

    /** The ConfigMap's data before and after, and the annotations the run adds while it lasts. */
    private static List<String> configMapChange(String value, ClusterRun.Options options) {
        List<String> lines = new ArrayList<>();
        String shown = value == null ? "(absent)" : value;
        lines.add("change ConfigMap " + VpcCniConfigMap.NAMESPACE + "/" + VpcCniConfigMap.NAME + ", one value per round:");
        for (long cooldown : options.cooldowns()) {
            lines.add("  data." + Cooldown.CONFIG_MAP_KEY + ": " + shown + " -> " + cooldown + " (the controller uses "
                    + ClusterRun.effective(cooldown) + " s)");
            shown = Long.toString(cooldown);
        }
        lines.add("  metadata.annotations added while the run lasts:");
        lines.add("    " + RunLabels.CONFIG_MAP_RUN + ": " + options.runId());
        lines.add("    " + RunLabels.CONFIG_MAP_PREVIOUS + ": " + (value == null ? RunLabels.ABSENT : value));
        lines.add(options.keepCooldown()
                ? "  at the end: " + Cooldown.CONFIG_MAP_KEY + " left at " + shown + " (--keep-cooldown), the annotations removed"
                : "  at the end: " + Cooldown.CONFIG_MAP_KEY + " back to " + (value == null ? "absent" : value)
                        + ", the annotations removed");
        return lines;
    }

    private static List<String> yaml(KubernetesClient client, HasMetadata object) {
        return client.getKubernetesSerialization().asYaml(object).lines().map(l -> "  " + l).toList();
    }
}
