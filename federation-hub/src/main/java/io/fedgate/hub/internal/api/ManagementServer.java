package io.fedgate.hub.internal.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The plain-HTTP management port: {@code /metrics} (Prometheus text), {@code /healthz} (the process and its
 * Hazelcast member run) and {@code /readyz} (member joined, CA loaded, initial state loaded, API serving).
 */
public final class ManagementServer {
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    private final Vertx vertx;
    private final String host;
    private final int port;
    private final BooleanSupplier healthy;
    private final Supplier<String> notReadyReason;
    private final Supplier<String> metrics;
    private HttpServer server;

    /**
     * @param notReadyReason why the member is not ready, null when it is
     */
    public ManagementServer(Vertx vertx, String host, int port, BooleanSupplier healthy,
                            Supplier<String> notReadyReason, Supplier<String> metrics) {
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.healthy = healthy;
        this.notReadyReason = notReadyReason;
        this.metrics = metrics;
    }

    /** Starts listening; completes with the bound port. */
    public Future<Integer> start() {
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                .requestHandler(this::handle);
        return server.listen().map(HttpServer::actualPort);
    }

    /** Stops listening. */
    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void handle(HttpServerRequest request) {
        switch (request.path()) {
            case "/metrics" -> vertx.executeBlocking(metrics::get, false)
                    .onSuccess(text -> request.response().putHeader("Content-Type", PROMETHEUS).end(text))
                    .onFailure(e -> request.response().setStatusCode(500).putHeader("Content-Type", TEXT)
                            .end("metrics unavailable: " + e + "\n"));
            case "/healthz" -> {
                boolean ok = healthy.getAsBoolean();
                request.response().setStatusCode(ok ? 200 : 503).putHeader("Content-Type", TEXT)
                        .end(ok ? "ok\n" : "hazelcast member not running\n");
            }
            case "/readyz" -> {
                String reason = notReadyReason.get();
                request.response().setStatusCode(reason == null ? 200 : 503).putHeader("Content-Type", TEXT)
                        .end(reason == null ? "ready\n" : "not ready: " + reason + "\n");
            }
            default -> request.response().setStatusCode(404).putHeader("Content-Type", TEXT)
                    .end("not found; try /metrics, /healthz or /readyz\n");
        }
    }
}
