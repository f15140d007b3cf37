package dev.sgplab.cluster;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for the VPC Resource Controller to take a new cooldown. On a change of branch-eni-cooldown
 * its ConfigMap reconciler compares the new value with the period in force (floored at 30 s) and,
 * when they differ, sets it and sends every node an event, reason BranchENICoolDownPeriodUpdated,
 * message "Branch ENI cool down period has been updated to 1m10s" (Go's time.Duration format)
 * (controllers/core/configmap_controller.go, pkg/utils/events.go). An informer on namespace
 * default, where node events go (a watch that is
 * resumed, or re-listed, when dropped) sees the event; only events that arrive after it was armed
 * count, and only with the expected period.
 */
public final class CooldownEvents implements AutoCloseable {
    public static final String REASON = "BranchENICoolDownPeriodUpdated";
    /**
     * Events about cluster-scoped objects such as nodes are recorded in namespace default
     * (client-go's event recorder). The reason is matched here rather than with a field selector,
     * which not every API server implementation (fabric8's mock among them) supports.
     */
    static final String NODE_EVENTS_NAMESPACE = "default";

    private final SharedIndexInformer<Event> informer;
    private volatile CompletableFuture<Event> expected = new CompletableFuture<>();
    private volatile String expectedText;
    private volatile Map<String, Integer> countsWhenArmed = Map.of();

    private CooldownEvents(SharedIndexInformer<Event> informer) {
        this.informer = informer;
    }

    /** Starts watching (before the ConfigMap changes, so the event cannot be missed). */
    public static CooldownEvents watch(KubernetesClient client, Retries retries) {
        CooldownEvents[] self = new CooldownEvents[1];
        ResourceEventHandler<Event> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(Event event) {
                self[0].seen(event);
            }

            @Override
            public void onUpdate(Event oldEvent, Event newEvent) {
                self[0].seen(newEvent); // repeated events are aggregated: the count goes up
            }

            @Override
            public void onDelete(Event event, boolean deletedFinalStateUnknown) {
            }
        };
        SharedIndexInformer<Event> informer = retries.call("watch events",
                () -> client.v1().events().inNamespace(NODE_EVENTS_NAMESPACE).runnableInformer(0));
        self[0] = new CooldownEvents(informer);
        informer.addEventHandler(handler);
        try {
            informer.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            informer.close();
            throw failure("cannot watch events: ", e.getCause());
        } catch (TimeoutException e) {
            informer.close();
            throw new ClusterException(ClusterException.Kind.UNREACHABLE, "cannot watch events: no answer in 30 s");
        } catch (InterruptedException e) {
            informer.close();
            Thread.currentThread().interrupt();
            throw new ClusterException(ClusterException.Kind.INTERRUPTED, "interrupted");
        }
        return self[0];
    }

    private static ClusterException failure(String what, Throwable cause) {
        if (cause instanceof io.fabric8.kubernetes.client.KubernetesClientException k) {
            return new ClusterException(ClusterException.kindOf(k), what + KubeClients.explain(k));
        }
        return new ClusterException(ClusterException.Kind.UNREACHABLE, what + KubeClients.noAnswer(cause));
    }

    /** The message part that names the period, as Go prints a time.Duration: 30s, 1m0s, 1m10s, 1h0m0s. */
    public static String goDuration(long seconds) {
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        if (h > 0) {
            return h + "h" + m + "m" + s + "s";
        }
        return m > 0 ? m + "m" + s + "s" : s + "s";
    }

    /**
     * From now on, an event announcing this period completes {@link #await}: a new one, or one seen
     * before whose count has grown (the API server aggregates repeats), never a re-delivery.
     */
    public void arm(long effectiveSeconds) {
        Map<String, Integer> counts = new HashMap<>();
        for (Event event : informer.getStore().list()) {
            counts.put(event.getMetadata().getUid(), count(event));
        }
        countsWhenArmed = counts;
        expected = new CompletableFuture<>();
        expectedText = "updated to " + goDuration(effectiveSeconds);
    }

    private static int count(Event event) {
        return event.getCount() == null ? 1 : event.getCount();
    }

    private void seen(Event event) {
        String text = expectedText;
        if (text == null || !REASON.equals(event.getReason()) || event.getMessage() == null
                || !event.getMessage().endsWith(text)) {
            return;
        }
        Integer before = countsWhenArmed.get(event.getMetadata().getUid());
        if (before == null || count(event) > before) {
            expected.complete(event);
        }
    }

    /** Waits for the armed event; a ClusterException that says what to check when it does not come. */
    public void await(Duration timeout) throws InterruptedException {
        try {
            expected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ClusterException("the VPC Resource Controller did not announce the new cooldown (no " + REASON
                    + " event \"" + expectedText + "\" within " + seconds(timeout) + " s): is it a version "
                    + "that reads branch-eni-cooldown (v1.4.x or later, PR #342)?");
        } catch (ExecutionException e) {
            throw failure("watching events failed: ", e.getCause());
        } finally {
            expectedText = null;
        }
    }

    /** 5, 0.5: a duration in seconds as a person writes it. */
    static String seconds(Duration duration) {
        return java.math.BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    @Override
    public void close() {
        informer.close();
    }
}
