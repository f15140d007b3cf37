package dev.sgplab.cluster;

import dev.sgplab.guard.InformerEvents;
import dev.sgplab.guard.PodEniAnnotation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Records the churn pods from an informer's notifications (add, update, and the re-list after a
 * dropped watch alike): when the controller's pod-eni annotation appears (IP, MAC, ENI id), which
 * node, and when and how the pod ended. Times come from the injected clock, the moment the
 * harness saw the change.
 */
public final class ChurnRecorder {
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, ChurnPodRecord> records = new LinkedHashMap<>();
    private long notifications;

    public ChurnRecorder(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    /** Seconds since the recorder started. */
    public double now() {
        return (nanoClock.getAsLong() - startNanos) / 1e9;
    }

    /** Called just before the harness creates a pod, so that its creation time is the request's. */
    public void created(String name) {
        lock.lock();
        try {
            records.putIfAbsent(name, new ChurnPodRecord(name, now(), null, null, null, null, Double.NaN,
                    Double.NaN, null, Double.NaN));
        } finally {
            lock.unlock();
        }
    }

    /** What the informer tells the recorder: every pod's latest state, its deleted one included. */
    public ResourceEventHandler<Pod> handler() {
        return InformerEvents.of(this::observe, this::observe);
    }

    private void observe(Pod pod) {
        String name = pod.getMetadata().getName();
        double at = now();
        lock.lock();
        try {
            notifications++;
            ChurnPodRecord record = records.get(name);
            if (record == null) {
                return; // not one this run created (another run's, or a leftover)
            }
            if (record.node() == null && pod.getSpec() != null && pod.getSpec().getNodeName() != null) {
                record = record.withNode(pod.getSpec().getNodeName());
            }
            if (!record.hasBranchEni() && pod.getMetadata().getAnnotations() != null) {
                List<PodEniAnnotation.Owner> enis = PodEniAnnotation.parse(
                        pod.getMetadata().getAnnotations().get(PodEniAnnotation.KEY));
                if (!enis.isEmpty()) {
                    PodEniAnnotation.Owner eni = enis.get(0);
                    record = record.withBranch(eni.ip(), eni.mac(), eni.eniId(), at);
                }
            }
            if (!record.ended()) {
                String status = PodStatusReading.endStatus(pod);
                if (status != null) {
                    record = record.withEnd(status, at, PodStatusReading.containerRunSeconds(pod));
                }
            }
            records.put(name, record);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every named pod has ended, or until the deadline; true when they all ended. */
    public boolean awaitEnded(Collection<String> names, double deadlineSeconds) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (names.stream().allMatch(n -> records.containsKey(n) && records.get(n).ended())) {
                    return true;
                }
                double left = deadlineSeconds - now();
                if (left <= 0) {
                    return false;
                }
                changed.await((long) Math.ceil(left * 1e9), TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    public int endedAmong(Collection<String> names) {
        lock.lock();
        try {
            return (int) names.stream().filter(n -> records.containsKey(n) && records.get(n).ended()).count();
        } finally {
            lock.unlock();
        }
    }

    /** Everything recorded so far, in creation order. */
    public List<ChurnPodRecord> records() {
        lock.lock();
        try {
            return new ArrayList<>(records.values());
        } finally {
            lock.unlock();
        }
    }

    public long notifications() {
        lock.lock();
        try {
            return notifications;
        } finally {
            lock.unlock();
        }
    }
}
