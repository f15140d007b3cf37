package dev.sgplab.cluster.describe;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The workload that makes a pod, followed up the controller owner references the way kubectl
 * shows it: a ReplicaSet's pods belong to its Deployment, a Job's to its CronJob; pods without a
 * controller are "bare pods" of their namespace.
 */
final class PodOwners {
    /** kind/namespace/name of an owner, e.g. "Deployment payments/api"; bare pods: "bare pods/NAMESPACE". */
    record Owner(String kind, String namespace, String name) {
        static Owner bare(String namespace) {
            return new Owner("bare pods", namespace, "");
        }

        static Owner bareSgpp(String namespace) {
            return new Owner("bare SGPP pods", namespace, "");
        }

        String label() {
            return name.isEmpty() ? kind + " in " + namespace : kind + " " + namespace + "/" + name;
        }
    }

    private final Map<String, OwnerReference> replicaSetOwners = new HashMap<>();
    private final Map<String, OwnerReference> jobOwners = new HashMap<>();

    PodOwners(List<ReplicaSet> replicaSets, List<Job> jobs) {
        replicaSets.forEach(rs -> remember(replicaSetOwners, rs));
        jobs.forEach(job -> remember(jobOwners, job));
    }

    private static void remember(Map<String, OwnerReference> owners, HasMetadata object) {
        OwnerReference controller = controllerOf(object);
        if (controller != null) {
            owners.put(key(object.getMetadata().getNamespace(), object.getMetadata().getName()), controller);
        }
    }

    /** The top-level owner of an object (a pod, a ReplicaSet or a Job) in the given namespace. */
    Owner of(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        OwnerReference direct = controllerOf(object);
        if (direct == null) {
            return switch (object.getKind() == null ? "Pod" : object.getKind()) {
                case "ReplicaSet", "Job" -> new Owner(object.getKind(), namespace, object.getMetadata().getName());
                default -> Owner.bare(namespace);
            };
        }
        return up(namespace, direct);
    }

    /** An owner reference followed one more step where the owner itself is owned (RS -> Deployment, Job -> CronJob). */
    Owner up(String namespace, OwnerReference direct) {
        Map<String, OwnerReference> next = switch (direct.getKind()) {
            case "ReplicaSet" -> replicaSetOwners;
            case "Job" -> jobOwners;
            default -> Map.of();
        };
        OwnerReference parent = next.get(key(namespace, direct.getName()));
        return parent == null ? new Owner(direct.getKind(), namespace, direct.getName())
                : new Owner(parent.getKind(), namespace, parent.getName());
    }

    static OwnerReference controllerOf(HasMetadata object) {
        List<OwnerReference> references = object.getMetadata().getOwnerReferences();
        if (references == null) {
            return null;
        }
        return references.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst()
                .orElse(references.isEmpty() ? null : references.get(0));
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
