package dev.sgplab.cluster.describe;

import dev.sgplab.cluster.ClusterException;
import dev.sgplab.cluster.Retries;
import dev.sgplab.cluster.SgppSupport;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything `cluster describe` reads, read once, with GET and LIST calls only (the RBAC in
 * deploy/k8s/describe-rbac.yaml grants exactly these). A refused read names its verb and resource.
 *
 * @param securityGroupPolicies null when the SecurityGroupPolicy CRD is not installed
 * @param vpcCniConfigMap       null when kube-system/amazon-vpc-cni does not exist
 */
public record ClusterReadings(List<Node> nodes, List<Pod> pods, List<Namespace> namespaces, List<Deployment> deployments,
        List<ReplicaSet> replicaSets, List<Job> jobs, List<CronJob> cronJobs, List<Event> events, List<DaemonSet> kubeSystemDaemonSets,
        List<GenericKubernetesResource> securityGroupPolicies, ConfigMap vpcCniConfigMap) {

    public static final String RBAC_FILE = "deploy/k8s/describe-rbac.yaml";

    /** Reads the cluster; progress (one line per read) goes to the consumer. */
    public static ClusterReadings read(KubernetesClient client, Retries retries, Consumer<String> progress) {
        List<Node> nodes = list(retries, progress, "list", "nodes", () -> client.nodes().list().getItems());
        List<Pod> pods = list(retries, progress, "list", "pods (all namespaces)",
                () -> client.pods().inAnyNamespace().list().getItems());
        List<Namespace> namespaces = list(retries, progress, "list", "namespaces", () -> client.namespaces().list().getItems());
        List<Deployment> deployments = list(retries, progress, "list", "deployments.apps (all namespaces)",
                () -> client.apps().deployments().inAnyNamespace().list().getItems());
        List<ReplicaSet> replicaSets = list(retries, progress, "list", "replicasets.apps (all namespaces)",
                () -> client.apps().replicaSets().inAnyNamespace().list().getItems());
        List<Job> jobs = list(retries, progress, "list", "jobs.batch (all namespaces)",
                () -> client.batch().v1().jobs().inAnyNamespace().list().getItems());
        List<CronJob> cronJobs = list(retries, progress, "list", "cronjobs.batch (all namespaces)",
                () -> client.batch().v1().cronjobs().inAnyNamespace().list().getItems());
        List<Event> events = list(retries, progress, "list", "events (all namespaces)",
                () -> client.v1().events().inAnyNamespace().list().getItems());
        List<DaemonSet> daemonSets = list(retries, progress, "list", "daemonsets.apps in kube-system",
                () -> client.apps().daemonSets().inNamespace("kube-system").list().getItems());
        List<GenericKubernetesResource> policies = securityGroupPolicies(client, retries, progress);
        ConfigMap vpcCni = list(retries, progress, "get", "configmaps kube-system/amazon-vpc-cni",
                () -> client.configMaps().inNamespace("kube-system").withName("amazon-vpc-cni").get());
        return new ClusterReadings(nodes, pods, namespaces, deployments, replicaSets, jobs, cronJobs, events, daemonSets, policies, vpcCni);
    }

    private static List<GenericKubernetesResource> securityGroupPolicies(KubernetesClient client, Retries retries,
            Consumer<String> progress) {
        try {
            return list(retries, progress, "list", "securitygrouppolicies." + SgppSupport.GROUP + " (all namespaces)",
                    () -> client.genericKubernetesResources(SgppSupport.GROUP + "/" + SgppSupport.VERSION,
                            "SecurityGroupPolicy").inAnyNamespace().list().getItems());
        } catch (NotServed e) {
            return null; // the CRD is not installed: no policies, said in the scenario
        }
    }

    /** A 404 on a whole collection: the API (a CRD) is not served. */
    private static final class NotServed extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static <T> T list(Retries retries, Consumer<String> progress, String verb, String resource, Supplier<T> call) {
        progress.accept(verb + " " + resource);
        try {
            return retries.call(call);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 && resource.startsWith("securitygrouppolicies")) {
                throw new NotServed();
            }
            ClusterException failure = ClusterException.of(verb + " " + resource, e);
            if (e.getCode() == 403) {
                // Authenticated, but the cluster's RBAC lacks a verb describe needs: a cluster not set up as the
                // command needs (exit 2, as a missing amazon-vpc-cni ConfigMap is), not refused credentials (401).
                throw new ClusterException(ClusterException.Kind.INPUT, failure.getMessage()
                        + " (describe needs the read-only RBAC in " + RBAC_FILE + ")");
            }
            throw failure;
        }
    }
}
