package dev.sgplab.cli;

import dev.sgplab.cluster.ClusterException;
import dev.sgplab.cluster.KubeClients;
import dev.sgplab.guard.GuardNode;
import dev.sgplab.lab.Preflight;
import dev.sgplab.model.guard.GuardRules;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "guard", mixinStandardHelpOptions = true,
        description = "Node agent: repair neighbour entries that still hold an old MAC for an SGPP pod's IP.")
final class GuardCommand extends Subcommand implements Callable<Integer> {
    @Mixin
    ClusterCommand.Connection connection;

    @Option(names = "--action", defaultValue = "replace", description = "replace (nud stale) or delete (default: ${DEFAULT-VALUE}).")
    String action;

    @Option(names = "--sweep-interval", defaultValue = "30", description = "Seconds between full sweeps (default: ${DEFAULT-VALUE}).")
    double sweepInterval;

    @Option(names = "--metrics-address", defaultValue = "0.0.0.0:9108", description = "Where /metrics listens (default: ${DEFAULT-VALUE}).")
    String metricsAddress;

    @Option(names = "--netns", paramLabel = "NAME", description = "Guard these network namespaces instead of the agent's own (repeatable).")
    List<String> namespaces = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        GuardRules.Action chosen = switch (action) {
            case "replace" -> GuardRules.Action.REPLACE;
            case "delete" -> GuardRules.Action.DELETE;
            default -> throw new Errors.BadInputException("--action must be replace or delete, got '" + action + "'");
        };
        if (!(sweepInterval > 0)) {
            throw new Errors.BadInputException("--sweep-interval must be positive, got " + sweepInterval);
        }
        GuardNode.Settings settings = new GuardNode.Settings(chosen, sweepInterval, address(metricsAddress),
                Preflight.path(Preflight.IP), namespaces);
        PrintWriter err = err();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "sgplab-guard-stop"));
        try (KubeClients.Session session = connection.connect();
                GuardNode node = start(settings, session, line -> log(err, line))) {
            log(err, "guard: watching pods' " + dev.sgplab.guard.PodEniAnnotation.KEY + " annotations on "
                    + session.target().describe() + "; " + node.describe());
            stop.await();
        }
        return 0;
    }

    /** The guard on this node; an API server that refuses or cannot be reached is a cluster error. */
    private static GuardNode start(GuardNode.Settings settings, KubeClients.Session session,
            java.util.function.Consumer<String> log) throws java.io.IOException {
        try {
            return GuardNode.start(settings, session.client(), System::nanoTime, log);
        } catch (KubernetesClientException e) {
            throw new ClusterException(ClusterException.kindOf(e), e.getCode() == 403
                    ? "forbidden (403): the guard's service account needs list and watch on pods"
                    : KubeClients.explain(e)).at(session.target());
        }
    }

    private static InetSocketAddress address(String text) {
        int colon = text.lastIndexOf(':');
        try {
            return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new Errors.BadInputException("--metrics-address must be HOST:PORT, got '" + text + "'");
        }
    }

    private static synchronized void log(PrintWriter err, String line) {
        err.println(Instant.now() + " " + line);
        err.flush();
    }
}
