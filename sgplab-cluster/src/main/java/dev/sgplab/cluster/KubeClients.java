package dev.sgplab.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Kubernetes clients the way sgplab makes them (fabric8, the JDK's HTTP client), and the one-line
 * explanations of the usual failures. Credentials are never part of a message.
 */
public final class KubeClients {
    private KubeClients() {
    }

    /** From a kubeconfig file and context, or (both null) in-cluster, then ~/.kube/config. */
    public static KubernetesClient create(Path kubeconfig, String context) {
        Config config;
        if (kubeconfig == null) {
            if (!configurationAvailable()) {
                throw new ClusterException("no Kubernetes configuration: give --kubeconfig, set KUBECONFIG, or write "
                        + "~/.kube/config (aws eks update-kubeconfig --name CLUSTER)");
            }
            config = Config.autoConfigure(context);
        } else {
            if (!Files.isReadable(kubeconfig)) {
                throw new ClusterException(kubeconfig + ": cannot read the kubeconfig");
            }
            try {
                config = Config.fromKubeconfig(context, kubeconfig.toFile());
            } catch (RuntimeException e) {
                throw new ClusterException(kubeconfig + ": not a usable kubeconfig");
            }
        }
        // fail fast; Retries (and informers) handle what is worth retrying
        config.setRequestRetryBackoffLimit(1);
        config.setConnectionTimeout(5_000);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** What fabric8's autoConfigure would find: KUBECONFIG, ~/.kube/config, or a pod's service account. */
    private static boolean configurationAvailable() {
        return System.getenv("KUBECONFIG") != null
                || Files.exists(Path.of(System.getProperty("user.home"), ".kube", "config"))
                || System.getenv("KUBERNETES_SERVICE_HOST") != null
                || Files.exists(Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token"));
    }

    /** One line for a failed API call. */
    public static String explain(KubernetesClientException e) {
        if (e.getCode() <= 0) { // no HTTP answer at all
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return "the Kubernetes API server cannot be reached: " + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : " " + oneLine(root.getMessage()));
        }
        return switch (e.getCode()) {
            case 401 -> "the Kubernetes API refused the credentials (401)";
            case 403 -> "forbidden (403): " + oneLine(e.getStatus() == null ? "" : e.getStatus().getMessage());
            default -> "the Kubernetes API answered " + e.getCode() + ": " + oneLine(e.getStatus() == null
                    ? String.valueOf(e.getMessage()) : e.getStatus().getMessage());
        };
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
