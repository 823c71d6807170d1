package io.fedgate.hub.internal.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The plain-HTTP management port: {@code /metrics} (Prometheus text), {@code /healthz} (the process and its
 * Hazelcast member run) and {@code /readyz} (member joined, CA loaded, initial state loaded, API serving).
 *
 * <p>Unauthenticated, so bound to loopback unless configured (the chart binds the pod's address) and bounded:
 * only {@code GET}/{@code HEAD} are answered (anything else 405, the connection closed with no body read),
 * request heads are at most {@link #MAX_HEADER_BYTES}, HTTP/1.1 only (no h2c upgrade), idle connections close
 * after {@link #IDLE_TIMEOUT_SECONDS}.
 */
public final class ManagementServer {
    /** Largest request head read, in bytes. */
    static final int MAX_HEADER_BYTES = 4096;
    /** Seconds after which a connection without traffic is closed. */
    static final int IDLE_TIMEOUT_SECONDS = 60;

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
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                        .setMaxHeaderSize(MAX_HEADER_BYTES).setMaxInitialLineLength(MAX_HEADER_BYTES)
                        .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
                        // HTTP/1.1 only: an h2c upgrade would take requests past the HTTP/1 bounds above
                        .setHttp2ClearTextEnabled(false))
                .requestHandler(this::handle);
        return server.listen().map(HttpServer::actualPort);
    }

    /** Stops listening. */
    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            request.response().setStatusCode(405).putHeader("Content-Type", TEXT).putHeader("Allow", "GET, HEAD")
                    .putHeader("Connection", "close").end("only GET and HEAD are served here\n")
                    .onComplete(done -> request.connection().close());
            return;
        }
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
