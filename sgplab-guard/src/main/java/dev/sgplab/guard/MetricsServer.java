package dev.sgplab.guard;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** GET /metrics in Prometheus' text format, on the JDK's own HTTP server. */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;

    public MetricsServer(GuardMetrics metrics, InetSocketAddress address) throws IOException {
        server = HttpServer.create(address, 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = metrics.prometheus().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
