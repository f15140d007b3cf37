package dev.sgplab.cli;

import dev.sgplab.cluster.FaultyApiServer;
import dev.sgplab.cluster.describe.EksLikeCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For each test, fabric8's mock API server loaded with the describe tests' EKS-like cluster
 * ({@link EksLikeCluster}) and a kubeconfig for it holding {@code token}; the requests made while
 * loading are forgotten, so a test sees only its command's. Closed and deleted after the test.
 */
final class MockEksCluster implements BeforeEachCallback, AfterEachCallback {
    private final String token;
    private FaultyApiServer api;
    private Path dir;
    private Path kubeconfig;

    MockEksCluster(String token) {
        this.token = token;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        api = new FaultyApiServer();
        EksLikeCluster.load(api, Instant.now());
        dir = Files.createTempDirectory("sgplab-eks-");
        kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"), token);
        api.forgetRequests();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        api.close();
        Files.deleteIfExists(kubeconfig);
        Files.deleteIfExists(dir);
    }

    FaultyApiServer api() {
        return api;
    }

    /** The kubeconfig file's path, for --kubeconfig. */
    String kubeconfig() {
        return kubeconfig.toString();
    }
}
