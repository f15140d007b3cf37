package dev.sgplab.cluster;

import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes clients the way sgplab makes them (fabric8, the JDK's HTTP client), and the one-line
 * explanations of the usual failures. Credentials are never part of a message.
 *
 * <p>The kubeconfig is checked before any call, as kubectl does, because fabric8 quietly falls
 * back to the current context when the one asked for is not there: and a write to
 * kube-system/amazon-vpc-cni of the wrong cluster changes that cluster's pods. The files come from
 * --kubeconfig, else KUBECONFIG (a list, merged as kubectl does: the first file to name a context,
 * cluster or current-context wins), else ~/.kube/config, else a pod's service account. Deviation
 * from kubectl: a file KUBECONFIG names that does not exist is an error, not skipped, since the
 * user named it.
 */
public final class KubeClients {
    static final String SERVICE_ACCOUNT_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    private KubeClients() {
    }

    /** A client and where it talks to; closing it closes the client. */
    public record Session(KubernetesClient client, KubeTarget target) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    /** From a kubeconfig file and context (either may be null), checked before any call. */
    public static Session connect(Path kubeconfig, String context) {
        Choice choice = choose(kubeconfig, context, System.getenv(), Path.of(System.getProperty("user.home")));
        Config config = choice.config();
        // fail fast; Retries (and informers) handle what is worth retrying
        config.setRequestRetryBackoffLimit(1);
        config.setConnectionTimeout(5_000);
        KubeTarget target = new KubeTarget(config.getMasterUrl(), choice.context(), choice.source());
        return new Session(new KubernetesClientBuilder().withConfig(config).build(), target);
    }

    /** The configuration to use and the context it was built for (null in-cluster). */
    record Choice(Config config, String context, String source) {
    }

    static Choice choose(Path kubeconfig, String context, Map<String, String> env, Path home) {
        List<Path> files = new ArrayList<>();
        String namedBy;
        if (kubeconfig != null) {
            files.add(kubeconfig);
            namedBy = "--kubeconfig";
        } else if (env.get("KUBECONFIG") != null && !env.get("KUBECONFIG").isBlank()) {
            for (String part : env.get("KUBECONFIG").split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    files.add(Path.of(part));
                }
            }
            namedBy = "KUBECONFIG";
        } else if (Files.exists(home.resolve(".kube").resolve("config"))) {
            files.add(home.resolve(".kube").resolve("config"));
            namedBy = "the default";
        } else if (env.get("KUBERNETES_SERVICE_HOST") != null && Files.exists(Path.of(SERVICE_ACCOUNT_TOKEN))) {
            if (context != null) {
                throw new ClusterException("--context " + context + " needs a kubeconfig, and there is none "
                        + "(no --kubeconfig, KUBECONFIG or ~/.kube/config; in a pod sgplab uses its service account)");
            }
            return new Choice(Config.autoConfigure(null), null, KubeTarget.IN_CLUSTER);
        } else {
            throw new ClusterException("no Kubernetes configuration: give --kubeconfig, set KUBECONFIG, or write "
                    + "~/.kube/config (aws eks update-kubeconfig --name CLUSTER)");
        }
        String source = String.join(File.pathSeparator, files.stream().map(Path::toString).toList());
        Merged merged = merge(files, namedBy);
        String chosen = merged.check(context, source);
        Config config;
        try {
            config = files.size() == 1 ? Config.fromKubeconfig(chosen, files.get(0).toFile()) : Config.autoConfigure(chosen);
        } catch (RuntimeException e) {
            // fabric8's message may quote the user entry: never shown
            throw new ClusterException(source + ": context " + quoted(chosen) + " is not usable (its cluster or user "
                    + "entry cannot be loaded: a certificate file, or a credential plugin, missing?)");
        }
        // what fabric8 made must be what was checked: never another context's server
        if (config.getCurrentContext() == null || !chosen.equals(config.getCurrentContext().getName())) {
            throw new ClusterException(source + ": the Kubernetes client did not select context " + quoted(chosen));
        }
        return new Choice(config, chosen, source);
    }

    /** The contexts, clusters and current-context of the files, the first file's winning. */
    private record Merged(Map<String, NamedContext> contexts, Map<String, NamedCluster> clusters, String current) {
        /** The context to use: the one asked for, else current-context; an error naming the choices otherwise. */
        String check(String asked, String source) {
            String names = contexts.isEmpty() ? "(none)" : String.join(", ", contexts.keySet());
            String chosen = asked != null ? asked : current;
            if (chosen == null || chosen.isEmpty()) {
                throw new ClusterException(source + " has no current-context; name one with --context; its contexts are: "
                        + names);
            }
            NamedContext context = contexts.get(chosen);
            if (context == null) {
                throw new ClusterException("context " + quoted(chosen) + " is not in " + source
                        + (asked == null ? " (it is its current-context)" : "") + "; its contexts are: " + names);
            }
            String clusterName = context.getContext() == null ? null : context.getContext().getCluster();
            NamedCluster cluster = clusterName == null ? null : clusters.get(clusterName);
            if (cluster == null || cluster.getCluster() == null) {
                throw new ClusterException("context " + quoted(chosen) + " names cluster " + quoted(clusterName)
                        + ", which is not in " + source);
            }
            if (cluster.getCluster().getServer() == null || cluster.getCluster().getServer().isBlank()) {
                throw new ClusterException("cluster " + quoted(clusterName) + " in " + source + " has no server");
            }
            return chosen;
        }
    }

    private static Merged merge(List<Path> files, String namedBy) {
        Map<String, NamedContext> contexts = new LinkedHashMap<>();
        Map<String, NamedCluster> clusters = new LinkedHashMap<>();
        String current = null;
        for (Path file : files) {
            io.fabric8.kubernetes.api.model.Config parsed = parse(file, namedBy);
            if (parsed.getContexts() != null) {
                parsed.getContexts().forEach(c -> contexts.putIfAbsent(c.getName(), c));
            }
            if (parsed.getClusters() != null) {
                parsed.getClusters().forEach(c -> clusters.putIfAbsent(c.getName(), c));
            }
            if (current == null && parsed.getCurrentContext() != null && !parsed.getCurrentContext().isEmpty()) {
                current = parsed.getCurrentContext();
            }
        }
        return new Merged(contexts, clusters, current);
    }

    private static io.fabric8.kubernetes.api.model.Config parse(Path file, String namedBy) {
        if (!Files.exists(file)) {
            throw new ClusterException(file + ": cannot read the kubeconfig: no such file (named by " + namedBy + ")");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ClusterException(file + ": cannot read the kubeconfig (named by " + namedBy + ")");
        }
        try {
            io.fabric8.kubernetes.api.model.Config parsed = KubeConfigUtils.parseConfig(file.toFile());
            if (parsed == null) {
                throw new IllegalArgumentException("empty");
            }
            return parsed;
        } catch (RuntimeException e) {
            // the parser's message may quote the file, credentials and all: never shown
            throw new ClusterException(file + ": not a usable kubeconfig (not YAML of kind Config)");
        }
    }

    private static String quoted(String name) {
        return "\"" + name + "\"";
    }

    /** One line for a failed API call. */
    public static String explain(KubernetesClientException e) {
        if (e.getCode() <= 0) { // no HTTP answer at all
            return "the Kubernetes API server cannot be reached: " + noAnswer(e);
        }
        return switch (e.getCode()) {
            case 401 -> "the Kubernetes API refused the credentials (401)";
            case 403 -> "forbidden (403): " + oneLine(e.getStatus() == null ? "" : e.getStatus().getMessage());
            default -> "the Kubernetes API answered " + e.getCode() + ": " + oneLine(e.getStatus() == null
                    ? String.valueOf(e.getMessage()) : e.getStatus().getMessage());
        };
    }

    /**
     * Why no answer came, in the user's words rather than the JDK's class names: the first cause in
     * the chain that says (the JDK's HTTP client wraps a refused connection's ClosedChannelException
     * in a ConnectException without a message).
     */
    static String noAnswer(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String detail = cause.getMessage() == null ? "" : ": " + oneLine(cause.getMessage());
            if (cause instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (cause instanceof java.net.UnknownHostException) {
                return "unknown host" + detail;
            }
            if (cause instanceof java.net.http.HttpTimeoutException || cause instanceof java.net.SocketTimeoutException
                    || cause instanceof java.util.concurrent.TimeoutException) {
                return "no answer in time";
            }
            if (cause instanceof javax.net.ssl.SSLException) {
                return "TLS failed" + detail;
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? "connection failed" : "connection failed: " + oneLine(root.getMessage());
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
