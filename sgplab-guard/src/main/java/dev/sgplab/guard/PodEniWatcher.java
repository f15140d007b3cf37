package dev.sgplab.guard;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feeds the guard from the Kubernetes API: an informer on all pods (list, then watch; fabric8
 * re-lists and resumes a dropped watch by itself) turns each pod's pod-eni annotation into owners.
 * A changed annotation replaces the pod's owners; a deleted pod's owners are forgotten. Pods without
 * the annotation are ignored.
 */
public final class PodEniWatcher implements AutoCloseable {
    private final GuardAgent agent;
    private final Map<String, List<PodEniAnnotation.Owner>> ownersByPod = new ConcurrentHashMap<>();
    private SharedIndexInformer<Pod> informer;

    public PodEniWatcher(GuardAgent agent) {
        this.agent = agent;
    }

    public PodEniWatcher start(KubernetesClient client, long resyncMillis) {
        informer = client.pods().inAnyNamespace().inform(InformerEvents.of(this::seen, this::forget), resyncMillis);
        return this;
    }

    public boolean synced() {
        return informer != null && informer.hasSynced();
    }

    void seen(Pod pod) {
        String uid = pod.getMetadata().getUid();
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        List<PodEniAnnotation.Owner> owners = PodEniAnnotation.parse(annotations == null ? null
                : annotations.get(PodEniAnnotation.KEY));
        List<PodEniAnnotation.Owner> previous = ownersByPod.put(uid, owners);
        if (previous != null) {
            previous.stream().filter(o -> !owners.contains(o)).forEach(o -> agent.ownerGone(o.ip(), o.mac()));
        }
        owners.stream().filter(o -> previous == null || !previous.contains(o))
                .forEach(o -> agent.ownerKnown(o.ip(), o.mac()));
    }

    void forget(Pod pod) {
        List<PodEniAnnotation.Owner> previous = ownersByPod.remove(pod.getMetadata().getUid());
        if (previous != null) {
            previous.forEach(o -> agent.ownerGone(o.ip(), o.mac()));
        }
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
    }
}
