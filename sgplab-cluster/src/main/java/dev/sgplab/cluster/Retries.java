package dev.sgplab.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Retries a Kubernetes call that failed for a reason worth retrying — 409 Conflict (someone else
 * changed the object: read it again), 429 Too Many Requests and 5xx — with exponential backoff
 * (200 ms, 400 ms, ... up to 5 s). Other failures, and the last one, propagate.
 */
public final class Retries {
    private final int attempts;
    private final LongConsumer sleeper;

    public Retries(int attempts, LongConsumer sleeper) {
        this.attempts = attempts;
        this.sleeper = sleeper;
    }

    public static Retries standard() {
        return new Retries(6, millis -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException(ClusterException.Kind.INTERRUPTED, "interrupted");
            }
        });
    }

    public static boolean retryable(KubernetesClientException e) {
        return e.getCode() == 409 || e.getCode() == 429 || e.getCode() >= 500;
    }

    public <T> T call(Supplier<T> call) {
        long backoff = 200;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (KubernetesClientException e) {
                if (!retryable(e) || attempt >= attempts) {
                    throw e;
                }
                sleeper.accept(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    /** {@link #call(Supplier)}, with a failure that is not worth retrying turned into one line: "cannot WHAT: why". */
    public <T> T call(String what, Supplier<T> call) {
        try {
            return call(call);
        } catch (KubernetesClientException e) {
            throw ClusterException.of(what, e);
        }
    }

    public void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }
}
