package dev.sgplab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which cluster a command would talk to, decided from the kubeconfig before any call. */
class KubeClientsTest {
    private static final String SECRET = "t0ken-n0t-to-print";
    @TempDir
    Path dir;

    private Path kubeconfig(String name, String current, String... contexts) throws Exception {
        StringBuilder text = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n");
        for (String context : contexts) {
            text.append("- {name: c-").append(context).append(", cluster: {server: \"https://").append(context)
                    .append(".example:6443\"}}\n");
        }
        text.append("users: [{name: u, user: {token: ").append(SECRET).append("}}]\ncontexts:\n");
        for (String context : contexts) {
            text.append("- {name: ").append(context).append(", context: {cluster: c-").append(context).append(", user: u}}\n");
        }
        if (current != null) {
            text.append("current-context: ").append(current).append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private KubeClients.Choice choose(Path kubeconfig, String context, Map<String, String> env) {
        return KubeClients.choose(kubeconfig, context, env, dir.resolve("home"));
    }

    @Test
    void theNamedContextIsTheOneUsedAndTheCurrentOneOtherwise() throws Exception {
        Path file = kubeconfig("k", "a", "a", "b");
        KubeClients.Choice named = choose(file, "b", Map.of());
        assertThat(named.context()).isEqualTo("b");
        assertThat(named.config().getMasterUrl()).startsWith("https://b.example:6443");
        KubeClients.Choice current = choose(file, null, Map.of());
        assertThat(current.context()).isEqualTo("a");
        assertThat(current.config().getMasterUrl()).startsWith("https://a.example:6443");
    }

    @Test
    void anUnknownContextIsAnErrorNamingTheContextsThatExist() throws Exception {
        Path file = kubeconfig("k", "a", "a", "b");
        assertThatThrownBy(() -> choose(file, "nope", Map.of())).isInstanceOf(ClusterException.class)
                .hasMessage("context \"nope\" is not in " + file + "; its contexts are: a, b")
                .satisfies(e -> assertThat(((ClusterException) e).kind()).isEqualTo(ClusterException.Kind.INPUT));
        Path noCurrent = kubeconfig("n", null, "a", "b");
        assertThatThrownBy(() -> choose(noCurrent, null, Map.of()))
                .hasMessage(noCurrent + " has no current-context; name one with --context; its contexts are: a, b");
        Path staleCurrent = kubeconfig("s", "gone", "a");
        assertThatThrownBy(() -> choose(staleCurrent, null, Map.of()))
                .hasMessage("context \"gone\" is not in " + staleCurrent + " (it is its current-context); its contexts are: a");
    }

    @Test
    void aContextWhoseClusterIsMissingIsAnError() throws Exception {
        Path file = dir.resolve("k");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters: []
                users: [{name: u, user: {token: %s}}]
                contexts: [{name: a, context: {cluster: gone, user: u}}]
                current-context: a
                """.formatted(SECRET));
        assertThatThrownBy(() -> choose(file, null, Map.of()))
                .hasMessage("context \"a\" names cluster \"gone\", which is not in " + file);
    }

    @Test
    void missingUnreadableAndMalformedFilesAreNamed() throws Exception {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> choose(missing, null, Map.of()))
                .hasMessage(missing + ": cannot read the kubeconfig: no such file (named by --kubeconfig)");
        assertThatThrownBy(() -> choose(null, null, Map.of("KUBECONFIG", missing.toString())))
                .hasMessage(missing + ": cannot read the kubeconfig: no such file (named by KUBECONFIG)");
        assertThatThrownBy(() -> choose(dir, null, Map.of()))
                .hasMessage(dir + ": cannot read the kubeconfig (named by --kubeconfig)");
        Path junk = dir.resolve("junk");
        Files.writeString(junk, "token: " + SECRET + "\n: [unbalanced\n");
        assertThatThrownBy(() -> choose(junk, null, Map.of()))
                .hasMessage(junk + ": not a usable kubeconfig (not YAML of kind Config)")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> choose(null, null, Map.of())).hasMessageStartingWith("no Kubernetes configuration");
    }

    @Test
    void kubeconfigListsAreMergedAsKubectlDoesTheFirstFileWinning() throws Exception {
        Path first = kubeconfig("first", "a", "a");
        Path second = kubeconfig("second", "b", "b", "c");
        String list = first + File.pathSeparator + second;
        assertThatThrownBy(() -> choose(null, "nope", Map.of("KUBECONFIG", list)))
                .hasMessage("context \"nope\" is not in " + list + "; its contexts are: a, b, c");
        // --kubeconfig wins over KUBECONFIG
        assertThat(choose(second, null, Map.of("KUBECONFIG", first.toString())).context()).isEqualTo("b");
        assertThat(choose(null, null, Map.of("KUBECONFIG", first.toString())).source()).isEqualTo(first.toString());
    }

    @Test
    void targetsNeverShowCredentialsInTheServerUrl() {
        KubeTarget target = new KubeTarget("https://admin:" + SECRET + "@api.example:6443/", "prod", "/k");
        assertThat(target.where()).isEqualTo("cluster https://api.example:6443/, context prod");
        assertThat(target.describe()).isEqualTo("https://api.example:6443/ (context prod, kubeconfig /k)");
        assertThat(new KubeTarget("https://10.100.0.1:443", null, KubeTarget.IN_CLUSTER).where())
                .isEqualTo("cluster https://10.100.0.1:443, in-cluster service account");
    }

    @Test
    void failuresAreExplainedInWordsAndClassifiedForExitCodes() {
        KubernetesClientException refused = new KubernetesClientException("x", new ConnectException("Connection refused"));
        assertThat(KubeClients.explain(refused)).isEqualTo("the Kubernetes API server cannot be reached: connection refused");
        assertThat(ClusterException.kindOf(refused)).isEqualTo(ClusterException.Kind.UNREACHABLE);
        assertThat(ClusterException.kindOf(new KubernetesClientException("x", 401, null)))
                .isEqualTo(ClusterException.Kind.REFUSED);
        assertThat(ClusterException.kindOf(new KubernetesClientException("x", 403, null)))
                .isEqualTo(ClusterException.Kind.REFUSED);
        assertThat(ClusterException.kindOf(new KubernetesClientException("x", 503, null)))
                .isEqualTo(ClusterException.Kind.UNREACHABLE);
        assertThat(ClusterException.kindOf(new KubernetesClientException("x", 404, null)))
                .isEqualTo(ClusterException.Kind.INPUT);
        ClusterException named = ClusterException.of("list nodes", new KubernetesClientException("x", 401, null))
                .at(new KubeTarget("https://api.example", "prod", "/k"));
        assertThat(named).hasMessage("cannot list nodes: the Kubernetes API refused the credentials (401) "
                + "(cluster https://api.example, context prod)");
        assertThat(named.kind()).isEqualTo(ClusterException.Kind.REFUSED);
    }
}
