package dev.sgplab.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One churn pod as the report's test ran it (deploy/k8s/churn-pod.yaml is the same pod for
 * kubectl): look a name up once at start with glibc (getent, the Kubernetes resolv.conf: search
 * list, ndots 5), exit non-zero when that fails, so the pod ends Error, else stay a moment and
 * complete. The name and the stay come in as environment variables, never into the shell text;
 * the scenario's resolver options come in as the pod's dnsConfig options, which the kubelet adds to
 * the resolv.conf it writes (a repeated option replaces its own).
 */
public final class ChurnPodTemplate {
    public static final String DEFAULT_IMAGE = "public.ecr.aws/docker/library/debian:bookworm-slim";
    static final String SCRIPT = "getent ahosts \"$SGPLAB_LOOKUP\" > /dev/null || exit 2; sleep \"$SGPLAB_STAY_SECONDS\"";

    private final String runId;
    private final String namespace;
    private final String image;
    private final ChurnPlan plan;

    public ChurnPodTemplate(String runId, String namespace, String image, ChurnPlan plan) {
        this.runId = runId;
        this.namespace = namespace;
        this.image = image;
        this.plan = plan;
    }

    public static String name(long cooldownSeconds, int index) {
        return String.format(Locale.ROOT, "churn-c%d-%03d", cooldownSeconds, index);
    }

    public Pod pod(long cooldownSeconds, int index) {
        Map<String, String> labels = new LinkedHashMap<>(RunLabels.of(runId));
        labels.put(RunLabels.COOLDOWN, Long.toString(cooldownSeconds));
        return new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name(cooldownSeconds, index)).withLabels(labels).endMetadata()
                .withNewSpec()
                    .withRestartPolicy("Never")
                    .withTerminationGracePeriodSeconds(0L)
                    .withAutomountServiceAccountToken(false)
                    .withNewDnsConfig().withOptions(plan.dnsOptions()).endDnsConfig()
                    .addNewContainer()
                        .withName("resolve")
                        .withImage(image)
                        .withImagePullPolicy("IfNotPresent")
                        .withCommand("sh", "-c", SCRIPT)
                        .addNewEnv().withName("SGPLAB_LOOKUP").withValue(plan.lookup()).endEnv()
                        .addNewEnv().withName("SGPLAB_STAY_SECONDS").withValue(String.format(Locale.ROOT, "%.2f", plan.staySeconds(index))).endEnv()
                        .withNewResources()
                            .addToRequests("cpu", new Quantity("10m"))
                            .addToRequests("memory", new Quantity("16Mi"))
                        .endResources()
                    .endContainer()
                .endSpec()
                .build();
    }
}
