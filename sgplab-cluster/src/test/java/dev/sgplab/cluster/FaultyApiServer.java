package dev.sgplab.cluster;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * fabric8's in-memory API server (CRUD mode) with faults on demand: the next N requests matching a
 * method and a path fragment answer an HTTP error, and the next N watches matching a path fragment
 * are dropped with a 410 Gone (the history they asked for was compacted) after a delay. Watches
 * closed by the client do not stall the server (see {@link #watch}).
 */
public final class FaultyApiServer implements AutoCloseable {
    private record Fault(String method, String pathFragment, int code, boolean applied, AtomicInteger left) {
    }

    private record Drop(String pathFragment, long afterMillis, AtomicInteger left) {
    }

    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<Drop> drops = new CopyOnWriteArrayList<>();
    private final List<String> failed = new CopyOnWriteArrayList<>();
    private final List<String> requests = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final AtomicInteger dropped = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "faulty-api-server");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.ExecutorService closer = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faulty-api-server-close");
        t.setDaemon(true);
        return t;
    });
    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;

    public FaultyApiServer() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(responses);
        Dispatcher dispatcher = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return FaultyApiServer.this.dispatch(crud, request);
            }

            @Override
            public void shutdown() {
                crud.shutdown();
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
        server.init();
        client = server.createClient();
    }

    /** One client for the test; closed with the server. */
    public NamespacedKubernetesClient client() {
        return client;
    }

    /**
     * fabric8's mock server itself, for expectations that CRUD mode cannot give (objects with a past
     * creationTimestamp: CRUD mode sets it to the time of the create, as a real API server does).
     */
    public KubernetesMockServer server() {
        return server;
    }

    /** Writes a kubeconfig whose one context, m (current), is this server with the token as its user. */
    public java.nio.file.Path writeKubeconfig(java.nio.file.Path file, String token) throws java.io.IOException {
        return java.nio.file.Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s"}}]
                users: [{name: u, user: {token: %s}}]
                contexts: [{name: m, context: {cluster: mock, user: u}}]
                current-context: m
                """.formatted(client.getMasterUrl(), token));
    }

    /** The next `times` requests with this method whose path contains the fragment answer `code`. */
    public void fail(String method, String pathFragment, int code, int times) {
        faults.add(new Fault(method, pathFragment, code, false, new AtomicInteger(times)));
    }

    /** Like {@link #fail}, but the request is carried out first: the answer is what gets lost. */
    public void failAfterApplying(String method, String pathFragment, int code, int times) {
        faults.add(new Fault(method, pathFragment, code, true, new AtomicInteger(times)));
    }

    /** The next `times` watches whose path contains the fragment are dropped (410) after the delay. */
    public void dropWatches(String pathFragment, long afterMillis, int times) {
        drops.add(new Drop(pathFragment, afterMillis, new AtomicInteger(times)));
    }

    /** "METHOD path -> code" for every injected failure, in order. */
    public List<String> failed() {
        return List.copyOf(failed);
    }

    public int droppedWatches() {
        return dropped.get();
    }

    /** "METHOD path" of every request so far, in order. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The requests so far that would change something: anything but GET (reads, lists, watches). */
    public List<String> writes() {
        return requests().stream().filter(r -> !r.startsWith("GET ")).toList();
    }

    /** Forgets the requests so far (a test's own set-up). */
    public void forgetRequests() {
        requests.clear();
    }

    private MockResponse dispatch(Dispatcher crud, RecordedRequest request) {
        String path = request.getPath();
        requests.add(request.getMethod() + " " + path);
        for (Fault fault : faults) {
            if (fault.method().equalsIgnoreCase(request.getMethod()) && path.contains(fault.pathFragment())
                    && fault.left().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                failed.add(request.getMethod() + " " + path + " -> " + fault.code());
                if (fault.applied()) {
                    crud.dispatch(request);
                }
                return new MockResponse().setResponseCode(fault.code()).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                        + "\"status\":\"Failure\",\"code\":" + fault.code() + ",\"message\":\"injected " + fault.code() + "\"}");
            }
        }
        MockResponse response = crud.dispatch(request);
        if (path.contains("watch=true") && response.getWebSocketListener() != null) {
            long dropAfter = -1;
            for (Drop drop : drops) {
                if (path.contains(drop.pathFragment()) && drop.left().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    dropAfter = drop.afterMillis();
                    break;
                }
            }
            return response.withWebSocketUpgrade(watch(response.getWebSocketListener(), dropAfter));
        }
        return response;
    }

    /**
     * The mock's watch, dropped after a delay if asked (dropAfterMillis >= 0). Its onClosed runs
     * off the event loop: the mock's own waits there for its sender threads, which need the event
     * loop to send, and would stall the whole server for up to a minute whenever a client closes a
     * watch with events in flight. (Until it has run, the mock may log a send it rejected for the
     * closed watch: harmless.)
     */
    private WebSocketListener watch(WebSocketListener inner, long dropAfterMillis) {
        return new WebSocketListener() {
            @Override
            public void onOpen(WebSocket socket, Response response) {
                inner.onOpen(socket, response);
                if (dropAfterMillis < 0) {
                    return;
                }
                timer.schedule(() -> {
                    dropped.incrementAndGet();
                    socket.send("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                            + "\"status\":\"Failure\",\"code\":410,\"reason\":\"Expired\",\"message\":\"too old resource version\"}}");
                    socket.close(1000, "dropped");
                }, dropAfterMillis, TimeUnit.MILLISECONDS);
            }

            @Override
            public void onMessage(WebSocket socket, String text) {
                inner.onMessage(socket, text);
            }

            @Override
            public void onMessage(WebSocket socket, ByteString bytes) {
                inner.onMessage(socket, bytes);
            }

            @Override
            public void onClosing(WebSocket socket, int code, String reason) {
                inner.onClosing(socket, code, reason);
            }

            @Override
            public void onClosed(WebSocket socket, int code, String reason) {
                try {
                    closer.execute(() -> inner.onClosed(socket, code, reason));
                } catch (java.util.concurrent.RejectedExecutionException serverClosed) {
                    // the server is being destroyed: nothing is left to tidy up
                }
            }

            @Override
            public void onFailure(WebSocket socket, Throwable error, Response response) {
                inner.onFailure(socket, error, response);
            }
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
        client.close();
        server.destroy();
        closer.shutdown();
    }
}
