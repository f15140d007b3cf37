package dev.sgplab.cluster;

import dev.sgplab.guard.InformerEvents;
import dev.sgplab.guard.PodEniAnnotation;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A test double for what EKS does around the harness, on fast time (one "second" is
 * {@code millisPerSecond} real milliseconds): the VPC Resource Controller (a branch ENI per pod
 * from a small pool of IPs, the pod-eni annotation, a FIFO delete queue with the ConfigMap's
 * cooldown and a delete job every 30 s, a pod refused for capacity retried after one cooldown, the
 * cooldown event), and the kubelet (Succeeded — or Error when the pod's IP had a previous owner
 * that ended less than {@code staleSeconds} before: the stale ARP entry).
 * It keeps its own ledger, which the tests compare with what the harness recorded.
 */
public final class FakeEks implements AutoCloseable {
    /** One branch ENI handed out: to whom, after whom, and the fake's own reuse gap in seconds. */
    public record Grant(String pod, String ip, String mac, String previousPod, double gapSeconds, boolean failed) {
    }

    private final KubernetesClient client;
    private final double millisPerSecond;
    private final double staleSeconds;
    private final boolean announceCooldown;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-eks");
        t.setDaemon(true);
        return t;
    });
    private final long start = System.nanoTime();
    private final Deque<String> free = new ArrayDeque<>();
    private final Deque<double[]> deleteQueueStamps = new ArrayDeque<>();
    private final Deque<String> deleteQueueIps = new ArrayDeque<>();
    private final Map<String, Double> ownerEndedAt = new HashMap<>();
    private final Map<String, String> lastOwner = new HashMap<>();
    private final Map<String, String> podIp = new HashMap<>();
    private final Set<String> handled = new HashSet<>();
    private final Set<String> ended = new HashSet<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final List<String> eventsSent = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private long cooldownSeconds = 60; // the controller's period in force (floored)
    private int macs;

    public FakeEks(KubernetesClient client, double millisPerSecond, List<String> ips, double staleSeconds, boolean announceCooldown) {
        this.client = client;
        this.millisPerSecond = millisPerSecond;
        this.staleSeconds = staleSeconds;
        this.announceCooldown = announceCooldown;
        free.addAll(ips);
    }

    /** The cluster's SGPP parts: the CRD, two trunk nodes, the VPC CNI's ConfigMap, namespace default. */
    public static void installSgpp(KubernetesClient client, String cooldownValue) {
        client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(SgppSupport.CRD_NAME).endMetadata()
                .withNewSpec().withGroup(SgppSupport.GROUP).withScope("Namespaced")
                .withNewNames().withKind("SecurityGroupPolicy").withPlural("securitygrouppolicies").withSingular("securitygrouppolicy").endNames()
                .addNewVersion().withName(SgppSupport.VERSION).withServed(true).withStorage(true).endVersion()
                .endSpec().build()).create();
        for (String node : List.of("ip-10-0-1-10", "ip-10-0-2-20")) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node).endMetadata()
                    .withNewStatus().addToAllocatable(SgppSupport.POD_ENI_RESOURCE, new Quantity("9")).endStatus().build())
                    .create();
        }
        ConfigMapBuilder map = new ConfigMapBuilder().withNewMetadata().withNamespace("kube-system").withName("amazon-vpc-cni")
                .endMetadata().addToData("enable-windows-ipam", "false");
        if (cooldownValue != null) {
            map.addToData("branch-eni-cooldown", cooldownValue);
        }
        client.configMaps().inNamespace("kube-system").resource(map.build()).create();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build())
                .create();
    }

    public FakeEks start() {
        // the period the controller read when it started (no event for that)
        ConfigMap map = client.configMaps().inNamespace("kube-system").withName("amazon-vpc-cni").get();
        String value = map == null || map.getData() == null ? null : map.getData().get("branch-eni-cooldown");
        cooldownSeconds = value != null && value.matches("[0-9]+") ? Math.max(30, Long.parseLong(value)) : 60;
        informers.add(client.configMaps().inNamespace("kube-system").inform(handler(this::configMapChanged), 0));
        informers.add(client.pods().inAnyNamespace().inform(handler(this::podChanged), 0));
        executor.scheduleAtFixedRate(this::deleteJob, delay(30), delay(30), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Notifications are handled on the fake's one thread, in order, as the controller's reconciler would. */
    private <T> ResourceEventHandler<T> handler(java.util.function.Consumer<T> seen) {
        return InformerEvents.of(object -> executor.execute(() -> seen.accept(object)), object -> {
            if (object instanceof Pod pod) {
                executor.execute(() -> podGone(pod));
            }
        });
    }

    private long delay(double seconds) {
        return Math.max(1, Math.round(seconds * millisPerSecond));
    }

    private double now() {
        return (System.nanoTime() - start) / 1e6 / millisPerSecond;
    }

    // ---- the VPC Resource Controller ---------------------------------------------------------------

    private void configMapChanged(ConfigMap map) {
        if (!"amazon-vpc-cni".equals(map.getMetadata().getName()) || map.getData() == null) {
            return;
        }
        String value = map.getData().get("branch-eni-cooldown");
        if (value == null || !value.matches("[0-9]+")) {
            return; // the controller keeps its period
        }
        long raw = Long.parseLong(value);
        if (raw != cooldownSeconds) {
            cooldownSeconds = Math.max(30, raw);
            if (announceCooldown) {
                for (var node : client.nodes().list().getItems()) {
                    String name = node.getMetadata().getName();
                    client.v1().events().inNamespace("default").resource(new EventBuilder()
                            .withNewMetadata().withNamespace("default").withName(name + "." + System.nanoTime()).endMetadata()
                            .withReason(CooldownEvents.REASON).withType("Normal").withCount(1)
                            .withMessage("Branch ENI cool down period has been updated to " + CooldownEvents.goDuration(cooldownSeconds))
                            .withNewInvolvedObject().withKind("Node").withName(name).endInvolvedObject().build()).create();
                    eventsSent.add(name + ": " + cooldownSeconds);
                }
            }
        }
    }

    private void podChanged(Pod pod) {
        String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        if (handled.add(key)) {
            executor.schedule(() -> giveBranchEni(pod), delay(1), TimeUnit.MILLISECONDS);
        }
    }

    private void giveBranchEni(Pod pod) {
        String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        if (ended.contains(key)) {
            return;
        }
        if (free.isEmpty()) { // canCreateMore() is false: retried after one cooldown
            executor.schedule(() -> giveBranchEni(pod), delay(cooldownSeconds), TimeUnit.MILLISECONDS);
            return;
        }
        String ip = free.poll();
        String mac = String.format(Locale.ROOT, "0a:00:00:00:%02x:%02x", ++macs / 256, macs % 256);
        String previous = lastOwner.get(ip);
        double gap = previous == null ? Double.NaN : now() - ownerEndedAt.get(ip);
        boolean stale = previous != null && gap < staleSeconds;
        lastOwner.put(ip, pod.getMetadata().getName());
        podIp.put(key, ip);
        grants.put(pod.getMetadata().getName(), new Grant(pod.getMetadata().getName(), ip, mac, previous, gap, stale));
        String annotation = "[{\"eniId\":\"eni-" + String.format(Locale.ROOT, "%017x", macs) + "\",\"ifAddress\":\"" + mac
                + "\",\"privateIp\":\"" + ip + "\",\"vlanId\":" + macs + ",\"subnetCidr\":\"10.0.64.0/27\"}]";
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).edit(p -> {
                Map<String, String> annotations = p.getMetadata().getAnnotations() == null ? new HashMap<>()
                        : new HashMap<>(p.getMetadata().getAnnotations());
                annotations.put(PodEniAnnotation.KEY, annotation);
                p.getMetadata().setAnnotations(annotations);
                p.getSpec().setNodeName("ip-10-0-1-10");
                return p;
            });
        } catch (RuntimeException deletedMeanwhile) {
            return;
        }
        executor.schedule(() -> kubeletRuns(pod, stale), delay(1), TimeUnit.MILLISECONDS);
    }

    // ---- the kubelet -----------------------------------------------------------------------------------

    private void kubeletRuns(Pod pod, boolean stale) {
        String started = Instant.now().toString();
        executor.schedule(() -> {
            String finished = Instant.now().plusSeconds(1).toString();
            try {
                client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                        .editStatus(p -> {
                            if (p.getStatus() == null) {
                                p.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
                            }
                            p.getStatus().setPhase(stale ? "Failed" : "Succeeded");
                            p.getStatus().setContainerStatuses(List.of(new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                                    .withName("resolve").withNewState().withNewTerminated().withExitCode(stale ? 2 : 0)
                                    .withReason(stale ? "Error" : "Completed").withStartedAt(started).withFinishedAt(finished)
                                    .endTerminated().endState().build()));
                            return p;
                        });
            } catch (io.fabric8.kubernetes.client.KubernetesClientException deletedMeanwhile) {
                // deleted before it ended: the controller stamps the ENI at deletion
            }
            ended(pod);
        }, delay(1), TimeUnit.MILLISECONDS);
    }

    /** The controller stamps the ENI when the pod ends or is deleted, whichever comes first. */
    private void ended(Pod pod) {
        String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        if (!ended.add(key)) {
            return;
        }
        String ip = podIp.get(key);
        if (ip != null) {
            ownerEndedAt.put(ip, now());
            deleteQueueStamps.add(new double[] {now()});
            deleteQueueIps.add(ip);
        }
    }

    private void podGone(Pod pod) {
        ended(pod);
    }

    private void deleteJob() {
        double now = now();
        while (!deleteQueueStamps.isEmpty() && now > deleteQueueStamps.peek()[0] + cooldownSeconds) {
            deleteQueueStamps.poll();
            free.add(deleteQueueIps.poll());
        }
    }

    // ---- the ledger ------------------------------------------------------------------------------------

    public Map<String, Grant> grants() {
        return Map.copyOf(grants);
    }

    public List<String> eventsSent() {
        return List.copyOf(eventsSent);
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
        executor.shutdownNow();
    }
}
