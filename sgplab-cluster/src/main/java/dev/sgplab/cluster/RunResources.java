package dev.sgplab.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The objects a run creates — its namespace (unless it already existed), a SecurityGroupPolicy and
 * the churn pods — every one labelled with the run id, and their deletion by that label only.
 */
public final class RunResources {
    public static final String SGP_KIND = "SecurityGroupPolicy";
    /** Named in full so that no discovery call is needed. */
    static final ResourceDefinitionContext POLICIES = new ResourceDefinitionContext.Builder()
            .withGroup(SgppSupport.GROUP).withVersion(SgppSupport.VERSION).withKind(SGP_KIND)
            .withPlural("securitygrouppolicies").withNamespaced(true).build();

    private final KubernetesClient client;
    private final Retries retries;

    public RunResources(KubernetesClient client, Retries retries) {
        this.client = client;
        this.retries = retries;
    }

    /** Creates the namespace labelled with the run, unless it exists: then it is used and left alone. */
    public void createNamespace(String name, String runId) {
        if (existingNamespace(name) != null) {
            return;
        }
        Namespace namespace = namespace(name, runId);
        create("namespace " + name, () -> client.namespaces().resource(namespace).create(),
                () -> client.namespaces().withName(name).get());
    }

    /** The namespace a run creates when it does not exist. */
    public static Namespace namespace(String name, String runId) {
        return new NamespaceBuilder().withNewMetadata().withName(name).withLabels(Map.of(RunLabels.RUN, runId))
                .endMetadata().build();
    }

    /** The run's SecurityGroupPolicy: its pods get these security groups. */
    public static GenericKubernetesResource securityGroupPolicy(String namespace, String runId, List<String> groupIds) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(SgppSupport.GROUP + "/" + SgppSupport.VERSION).withKind(SGP_KIND)
                .withNewMetadata().withNamespace(namespace).withName(policyName(runId)).withLabels(RunLabels.of(runId)).endMetadata()
                .addToAdditionalProperties("spec", Map.of(
                        "podSelector", Map.of("matchLabels", Map.of(RunLabels.RUN, runId)),
                        "securityGroups", Map.of("groupIds", groupIds)))
                .build();
    }

    public static String policyName(String runId) {
        return "sgplab-" + runId;
    }

    /** The namespace as it is, null when absent; an error when it is being deleted (the run could not use it). */
    public Namespace existingNamespace(String name) {
        Namespace existing = retries.call("read namespace " + name, () -> client.namespaces().withName(name).get());
        if (existing != null && existing.getMetadata().getDeletionTimestamp() != null) {
            throw new ClusterException("namespace " + name + " is being deleted; wait for it or pick another --namespace");
        }
        return existing;
    }

    public void createSecurityGroupPolicy(String namespace, String runId, List<String> groupIds) {
        GenericKubernetesResource policy = securityGroupPolicy(namespace, runId, groupIds);
        create("SecurityGroupPolicy " + policyName(runId), () -> policies().inNamespace(namespace).resource(policy).create(),
                () -> policies().inNamespace(namespace).withName(policyName(runId)).get());
    }

    public void createPod(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        create("pod " + name, () -> client.pods().inNamespace(namespace).resource(pod).create(),
                () -> client.pods().inNamespace(namespace).withName(name).get());
    }

    /**
     * A create that may be retried: a 409 after an earlier attempt that reached the server but
     * whose answer was lost (500, 429 after the write) means the object is there, which is fine if
     * it is ours.
     */
    private void create(String what, java.util.function.Supplier<HasMetadata> create,
            java.util.function.Supplier<HasMetadata> read) {
        try {
            retries.call(create::get);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                HasMetadata existing = retries.call("read " + what, read);
                if (existing != null && existing.getMetadata().getLabels() != null
                        && existing.getMetadata().getLabels().containsKey(RunLabels.RUN)) {
                    return;
                }
                throw new ClusterException("cannot create " + what + ": it already exists and is not sgplab's");
            }
            throw ClusterException.of("create " + what, e);
        }
    }

    /** Deletes the run's pods with these extra labels (all of them with none). */
    public void deletePods(String namespace, String runId, Map<String, String> extraLabels) {
        Map<String, String> selector = new java.util.LinkedHashMap<>(extraLabels);
        selector.put(RunLabels.RUN, runId);
        retries.run("delete pods in " + namespace,
                () -> client.pods().inNamespace(namespace).withLabels(selector).withGracePeriod(0).delete());
    }

    /** What a run (any run when runId is null) left in the cluster, found by label. */
    public record Leftovers(List<String> namespaces, List<String> policies, List<String> pods) {
        public boolean isEmpty() {
            return namespaces.isEmpty() && policies.isEmpty() && pods.isEmpty();
        }
    }

    public Leftovers find(String runId) {
        List<String> namespaces = new ArrayList<>();
        for (Namespace ns : retries.call("list namespaces", () -> labelled(client.namespaces(), runId).list().getItems())) {
            namespaces.add(ns.getMetadata().getName());
        }
        List<String> pods = new ArrayList<>();
        for (Pod pod : retries.call("list pods", () -> labelled(client.pods().inAnyNamespace(), runId).list().getItems())) {
            pods.add(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
        }
        List<String> policies = new ArrayList<>();
        for (GenericKubernetesResource policy : retries.call("list SecurityGroupPolicies",
                () -> labelled(policies().inAnyNamespace(), runId).list().getItems())) {
            policies.add(policy.getMetadata().getNamespace() + "/" + policy.getMetadata().getName());
        }
        return new Leftovers(namespaces, policies, pods);
    }

    /** Deletes what {@link #find} found: pods and policies first, then the namespaces the runs created. */
    public Leftovers delete(String runId) {
        Leftovers found = find(runId);
        retries.run("delete pods", () -> labelled(client.pods().inAnyNamespace(), runId).withGracePeriod(0).delete());
        retries.run("delete SecurityGroupPolicies", () -> labelled(policies().inAnyNamespace(), runId).delete());
        // one by one: namespaces have no delete-collection
        for (String namespace : found.namespaces()) {
            retries.run("delete namespace " + namespace, () -> client.namespaces().withName(namespace).delete());
        }
        return found;
    }

    private static <T extends HasMetadata, L, R extends Resource<T>> io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable<T, L, R> labelled(
            io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable<T, L, R> objects, String runId) {
        return runId == null ? objects.withLabel(RunLabels.RUN) : objects.withLabel(RunLabels.RUN, runId);
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> policies() {
        return client.genericKubernetesResources(POLICIES);
    }
}
