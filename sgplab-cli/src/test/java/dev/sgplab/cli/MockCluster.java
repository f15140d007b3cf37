package dev.sgplab.cli;

import dev.sgplab.cluster.FaultyApiServer;
import dev.sgplab.cluster.describe.EksLikeCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For the CLI's cluster tests: fabric8's in-memory API server (with the faults a test may inject) and
 * a kubeconfig that reaches it with a token no output may show; a new one for each test, closed after
 * the test's own {@code @AfterEach}. Register it with {@code @RegisterExtension}. {@link #eksLike}
 * loads the describe tests' EKS-like cluster first.
 */
final class MockCluster implements BeforeEachCallback, AfterEachCallback {
    /** The kubeconfig's token: a test checks that no output, error or log shows it. */
    static final String SECRET = "t0ken-n0t-to-print";

    private final String token;
    /** Objects the server holds before the test; the requests that put them there are forgotten. */
    private final Consumer<FaultyApiServer> load;
    private FaultyApiServer api;
    private Path folder;
    private Path kubeconfig;

    MockCluster() {
        this(SECRET, api -> { });
    }

    private MockCluster(String token, Consumer<FaultyApiServer> load) {
        this.token = token;
        this.load = load;
    }

    /** The server loaded with {@link EksLikeCluster} (nodes, SGPP pods, CoreDNS, ...), the kubeconfig holding {@code token}. */
    static MockCluster eksLike(String token) {
        return new MockCluster(token, api -> EksLikeCluster.load(api, Instant.now()));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        api = new FaultyApiServer();
        load.accept(api);
        folder = Files.createTempDirectory("sgplab-mock-cluster");
        kubeconfig = api.writeKubeconfig(folder.resolve("kubeconfig"), token);
        api.forgetRequests();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        api.close();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    FaultyApiServer api() {
        return api;
    }

    KubernetesClient client() {
        return api.client();
    }

    /** The API server's URL, as errors and the line before a write name it. */
    String server() {
        return client().getMasterUrl().toString();
    }

    /** A kubeconfig whose current context is this server. */
    Path kubeconfig() {
        return kubeconfig;
    }
}
