package dev.sgplab.guard;

import dev.sgplab.model.guard.GuardRules;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The guard as it runs on a node: the agent sweeping the neighbour tables, /metrics, and the pod
 * watcher that tells the agent each pod IP's owner MAC. Assembled here, so that the command only
 * parses its options, starts this and waits; closing stops all three, watcher first.
 *
 * @param guarding what it guards, e.g. "replace on 1 table(s)"
 */
public record GuardNode(String guarding, GuardAgent agent, MetricsServer metrics, PodEniWatcher watcher)
        implements AutoCloseable {
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
        return start(tables(settings), ArpTableStats.host()::read, settings, client, nanoTime, log);
    }

    /** arpTable: the node's ARP table count and GC thresholds, for the metrics and the log (null: not watched). */
    static GuardNode start(List<NeighbourTables> tables, java.util.function.Supplier<ArpTableState> arpTable,
            Settings settings, KubernetesClient client, LongSupplier nanoTime, Consumer<String> log) throws IOException {
        GuardAgent agent = new GuardAgent(tables, settings.action(), nanoTime, log);
        if (arpTable != null) {
            agent.watchArpTable(arpTable);
        }
        agent.start(settings.sweepIntervalSeconds());
        try {
            MetricsServer metrics = new MetricsServer(agent.metrics(), settings.metricsAddress());
            try {
                client.pods().inAnyNamespace().list(new ListOptionsBuilder().withLimit(1L).build());
                PodEniWatcher watcher = new PodEniWatcher(agent).start(client, 0);
                return new GuardNode(settings.action().name().toLowerCase(Locale.ROOT) + " on " + tables.size()
                        + " table(s)", agent, metrics, watcher);
            } catch (RuntimeException e) {
                metrics.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            agent.close();
            throw e;
        }
    }

    /** What it guards and where its metrics are, e.g. "replace on 1 table(s); metrics on :9108/metrics". */
    public String describe() {
        return guarding + "; metrics on :" + metrics.port() + "/metrics";
    }

    /** Stops the watcher, then /metrics, then the agent. */
    @Override
    public void close() {
        try (agent; metrics; watcher) {
            // closed in reverse order of the resources, each even if one before it failed
        }
    }
}
