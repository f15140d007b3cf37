package dev.sgplab.guard;

import dev.sgplab.model.guard.GuardRules;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The guard as it runs on a node: the agent sweeping the neighbour tables, /metrics, and the pod
 * watcher that tells the agent each pod IP's owner MAC. Assembled here, so that the command only
 * parses its options, starts this and waits; closing stops all three, watcher first.
 */
public final class GuardNode implements AutoCloseable {
    /**
     * What the node agent is told.
     *
     * @param ipCommand  the {@code ip} program to run
     * @param namespaces the network namespaces to guard; none: the agent's own
     */
    public record Settings(GuardRules.Action action, double sweepIntervalSeconds, InetSocketAddress metricsAddress,
            String ipCommand, List<String> namespaces) {
        public Settings {
            namespaces = List.copyOf(namespaces);
        }
    }

    private final List<NeighbourTables> tables;
    private final GuardAgent agent;
    private final MetricsServer metrics;
    private final PodEniWatcher watcher;

    private GuardNode(List<NeighbourTables> tables, GuardAgent agent, MetricsServer metrics, PodEniWatcher watcher) {
        this.tables = tables;
        this.agent = agent;
        this.metrics = metrics;
        this.watcher = watcher;
    }

    /** The neighbour tables of the namespaces named, or of the agent's own namespace. */
    static List<NeighbourTables> tables(Settings settings) {
        List<NeighbourTables> tables = new ArrayList<>();
        if (settings.namespaces().isEmpty()) {
            tables.add(new IpNeighbourTables(settings.ipCommand(), null));
        } else {
            settings.namespaces().forEach(ns -> tables.add(new IpNeighbourTables(settings.ipCommand(), ns)));
        }
        return List.copyOf(tables);
    }

    /**
     * Starts the agent and /metrics, checks that the client may list pods (a forbidden or unreachable
     * API server throws fabric8's KubernetesClientException here, before the watch), then starts the
     * watcher. On any failure what was started is stopped again.
     */
    public static GuardNode start(Settings settings, KubernetesClient client, LongSupplier nanoTime,
            Consumer<String> log) throws IOException {
        return start(tables(settings), settings, client, nanoTime, log);
    }

    static GuardNode start(List<NeighbourTables> tables, Settings settings, KubernetesClient client,
            LongSupplier nanoTime, Consumer<String> log) throws IOException {
        GuardAgent agent = new GuardAgent(tables, settings.action(), nanoTime, log).start(settings.sweepIntervalSeconds());
        MetricsServer metrics = null;
        PodEniWatcher watcher = null;
        try {
            metrics = new MetricsServer(agent.metrics(), settings.metricsAddress());
            watcher = new PodEniWatcher(agent);
            client.pods().inAnyNamespace().list(new ListOptionsBuilder().withLimit(1L).build());
            watcher.start(client, 0);
            return new GuardNode(tables, agent, metrics, watcher);
        } catch (IOException | RuntimeException e) {
            closeAll(watcher, metrics, agent);
            throw e;
        }
    }

    public GuardAgent agent() {
        return agent;
    }

    public int tableCount() {
        return tables.size();
    }

    public int metricsPort() {
        return metrics.port();
    }

    @Override
    public void close() {
        closeAll(watcher, metrics, agent);
    }

    /** In the order given, each even if one before it failed (the first failure is rethrown). */
    private static void closeAll(AutoCloseable... parts) {
        RuntimeException first = null;
        for (AutoCloseable part : parts) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
