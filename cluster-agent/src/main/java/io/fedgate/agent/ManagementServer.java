package io.fedgate.agent;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The plain-HTTP management port: {@code GET /metrics} (Prometheus text), {@code /healthz} (200 while live)
 * and {@code /readyz} (200 when ready, else 503 with the reasons, one per line). Requests carry no body; the
 * request line and headers are bounded by {@link #DEFAULT_MAX_INITIAL_LINE_LENGTH} and
 * {@link #DEFAULT_MAX_HEADER_BYTES}; HTTP/1.1 only. Anything else is 404, other methods 405.
 */
public final class ManagementServer implements AutoCloseable {
    /** Longest request line accepted. */
    public static final int DEFAULT_MAX_INITIAL_LINE_LENGTH = 4096;
    /** Most header bytes accepted. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 8192;
    private static final long START_TIMEOUT_SECONDS = 10;
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Vertx vertx;
    private final HttpServer server;

    private ManagementServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /**
     * Listens on {@code host:port} (port 0 picks a free one).
     *
     * @param metrics the Prometheus exposition of the component's registry
     * @param health  the component's health
     * @throws AgentStartException when the port cannot be bound
     */
    public static ManagementServer start(String host, int port, Supplier<String> metrics, Supplier<AgentHealth> health) {
        if (port < 0 || port > 65535) {
            throw new AgentConfigException("metrics port: " + port + " is outside 0..65535");
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
                .setMaxInitialLineLength(DEFAULT_MAX_INITIAL_LINE_LENGTH).setMaxHeaderSize(DEFAULT_MAX_HEADER_BYTES)
                // HTTP/1.1 only: an h2c upgrade would take requests past the HTTP/1 limits above
                .setHttp2ClearTextEnabled(false);
        HttpServer server = vertx.createHttpServer(options).requestHandler(request -> handle(request, metrics, health));
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new ManagementServer(vertx, server);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            throw new AgentStartException("management port " + host + ":" + port + " cannot be opened: "
                    + (e.getCause() != null ? e.getCause() : e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new AgentStartException("interrupted while opening management port " + host + ":" + port, e);
        }
    }

    private static void handle(HttpServerRequest request, Supplier<String> metrics, Supplier<AgentHealth> health) {
        if (request.method() != HttpMethod.GET) {
            request.response().setStatusCode(405).putHeader("Allow", "GET").end();
            return;
        }
        switch (request.path()) {
            case "/metrics" -> request.response().putHeader("Content-Type", PROMETHEUS_TEXT).end(metrics.get());
            case "/healthz" -> {
                boolean live = health.get().live();
                request.response().setStatusCode(live ? 200 : 503).putHeader("Content-Type", TEXT)
                        .end(live ? "ok\n" : "not live\n");
            }
            case "/readyz" -> {
                AgentHealth now = health.get();
                request.response().setStatusCode(now.ready() ? 200 : 503).putHeader("Content-Type", TEXT)
                        .end(now.ready() ? "ready\n" : String.join("\n", now.reasons()) + "\n");
            }
            default -> request.response().setStatusCode(404).end();
        }
    }

    /** The bound port. */
    public int port() {
        return server.actualPort();
    }

    /** Stops listening. */
    @Override
    public void close() {
        vertx.close();
    }
}
