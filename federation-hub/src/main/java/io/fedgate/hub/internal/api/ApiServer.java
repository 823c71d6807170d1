package io.fedgate.hub.internal.api;

import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.hub.HubConfig;
import io.fedgate.hubclient.protocol.ApiError;
import io.fedgate.hubclient.protocol.HubApi;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's API: HTTPS with TLS 1.3, HTTP/2 by ALPN (HTTP/1.1 still answered), client certificates
 * requested but not required ({@code /v1/join} is called before the caller has one; every other route
 * verifies the certificate itself, see {@link DeferredClientTrust}).
 *
 * <p>Bounds, so that callers cannot exhaust a member: the anonymous {@code /v1/join} passes the {@link JoinGuard}
 * (its own body bound, rate limits and in-flight cap) before anything of its body is read; every other route
 * with a body verifies the client certificate before reading it, then reads at most
 * {@link HubApi#DEFAULT_MAX_BODY_BYTES} (413 beyond). Request heads are bounded by {@link #MAX_HEADER_BYTES}
 * (HTTP/1.1 and HTTP/2 alike). The rest of a body refused before it was read is never parsed or kept: it is
 * dropped as it comes, and the connection closed beyond {@link #MAX_DROPPED_ANONYMOUS_BYTES} for a caller
 * without a verified certificate (an HTTP/1.1 connection also once the answer is out, unless the rest is short).
 * Endpoints run on worker threads (they call Hazelcast); a refusal anywhere becomes the
 * {@link ApiError} of its {@link ApiException}. Paths under another API version get a 404 naming the
 * versions served.
 */
public final class ApiServer {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final Pattern VERSIONED = Pattern.compile("^/(v\\d+)(/.*)?$");
    private static final long MAX_CONCURRENT_STREAMS = 1000;
    /** Largest request head (request line and headers, or an HTTP/2 header list) read, in bytes. */
    static final int MAX_HEADER_BYTES = 8192;
    private static final int MAX_REQUEST_LINE_BYTES = 4096;
    /**
     * Most bytes of a refused body's rest dropped for a caller without a verified certificate before its
     * connection is closed (a verified caller's: up to {@link HubApi#DEFAULT_MAX_BODY_BYTES}).
     */
    private static final long MAX_DROPPED_ANONYMOUS_BYTES = 64 * 1024;
    private static final long LINGER_MILLIS = 1000;
    private static final long MAX_LINGER_MILLIS = 10_000;
    private static final int MAX_EVENT_LOOPS = 8;
    private static final String OPENAPI_RESOURCE = "/io/fedgate/hub/openapi.yaml";

    private final Vertx vertx;
    private final HubServices hub;
    private final Requests requests;
    private final AnonymousRefusals refusals;
    private final JoinGuard joinGuard;
    private final byte[] openApi;
    private final List<ApiVerticle> servers = new ArrayList<>();

    /** The API of {@code hub}, served by {@code vertx}. */
    public ApiServer(Vertx vertx, HubServices hub) {
        this.vertx = vertx;
        this.hub = hub;
        this.refusals = new AnonymousRefusals(hub.refusals(), hub.metrics());
        this.requests = new Requests(hub, refusals);
        HubConfig.Join bounds = hub.config().join();
        this.joinGuard = new JoinGuard(vertx, bounds, new JoinLimiter(bounds.perSource(), bounds.global(),
                bounds.trackedSources(), System::nanoTime), refusals);
        hub.metrics().joinsInFlight(joinGuard::inFlight);
        this.openApi = resource(OPENAPI_RESOURCE);
    }

    /**
     * Starts listening with {@code material} as the server certificate, on one event loop per core (Vert.x
     * spreads connections over servers sharing a port); completes with the bound port.
     */
    public Future<Integer> start(TlsMaterial material) {
        int instances = Math.max(1, Math.min(MAX_EVENT_LOOPS, Runtime.getRuntime().availableProcessors()));
        int configured = hub.config().api().port();
        return deploy(material, configured).compose(port -> {
            // Vert.x shares a listening socket among servers asking for the same host and port (0 included:
            // they then share the port the first one got)
            List<Future<Integer>> more = new ArrayList<>();
            for (int i = 1; i < instances; i++) {
                more.add(deploy(material, configured));
            }
            return Future.all(more).map(port);
        });
    }

    private Future<Integer> deploy(TlsMaterial material, int port) {
        ApiVerticle verticle = new ApiVerticle(options(material, port));
        return vertx.deployVerticle(verticle).map(id -> {
            synchronized (servers) {
                servers.add(verticle);
            }
            return verticle.server.actualPort();
        });
    }

    private HttpServerOptions options(TlsMaterial material, int port) {
        return new HttpServerOptions()
                .setHost(hub.config().api().host())
                .setPort(port)
                .setSsl(true)
                .setUseAlpn(true)
                .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
                .setEnabledSecureTransportProtocols(Set.of("TLSv1.3"))
                .setClientAuth(ClientAuth.REQUEST)
                .setKeyCertOptions(keyCert(material))
                .setTrustOptions(TrustOptions.wrap(new DeferredClientTrust()))
                .setMaxHeaderSize(MAX_HEADER_BYTES)
                .setMaxInitialLineLength(MAX_REQUEST_LINE_BYTES)
                .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                        .setMaxHeaderListSize(MAX_HEADER_BYTES));
    }

    /** Serves new connections with {@code material} (a renewed server certificate). */
    public Future<Void> updateCertificate(TlsMaterial material) {
        ServerSSLOptions ssl = new ServerSSLOptions()
                .setKeyCertOptions(keyCert(material))
                .setTrustOptions(TrustOptions.wrap(new DeferredClientTrust()))
                .setClientAuth(ClientAuth.REQUEST)
                .setUseAlpn(true)
                .setApplicationLayerProtocols(List.of("h2", "http/1.1"))
                .setEnabledSecureTransportProtocols(Set.of("TLSv1.3"));
        List<Future<Boolean>> updates = new ArrayList<>();
        synchronized (servers) {
            servers.forEach(v -> updates.add(v.server.updateSSLOptions(ssl)));
        }
        return Future.all(updates).mapEmpty();
    }

    /** Stops listening and closes connections (watch streams end; clients resume elsewhere). */
    public Future<Void> close() {
        List<Future<Void>> closing = new ArrayList<>();
        synchronized (servers) {
            servers.forEach(v -> closing.add(vertx.undeploy(v.deploymentID())));
            servers.clear();
        }
        return Future.all(closing).mapEmpty();
    }

    /** One server of the API on its own event loop. */
    private final class ApiVerticle extends VerticleBase {
        private final HttpServerOptions options;
        private HttpServer server;

        ApiVerticle(HttpServerOptions options) {
            this.options = options;
        }

        @Override
        public Future<?> start() {
            server = vertx.createHttpServer(options).requestHandler(router());
            return server.listen();
        }

        @Override
        public Future<?> stop() {
            return server.close();
        }
    }

    private Router router() {
        Router router = Router.router(vertx);
        BoundedBody body = new BoundedBody(vertx, HubApi.DEFAULT_MAX_BODY_BYTES, "DEFAULT_MAX_BODY_BYTES");
        JoinEndpoints join = new JoinEndpoints(hub, requests, refusals);
        Handler<RoutingContext> bodies = ctx -> authenticatedBody(ctx, body); // certificate first, then the body
        InventoryEndpoints inventory = new InventoryEndpoints(hub, requests);
        PlanEndpoints plans = new PlanEndpoints(hub, requests);
        ListingEndpoints listings = new ListingEndpoints(hub, requests);
        AdminEndpoints admin = new AdminEndpoints(hub, requests);

        router.post(HubApi.join()).handler(joinGuard).handler(blocking(join::join));
        router.post(HubApi.renew()).handler(bodies).handler(blocking(join::renew));
        router.get(HubApi.clusters()).handler(blocking(listings::clusters));
        router.delete(HubApi.cluster(":id")).handler(blocking(admin::removeCluster));
        router.put(HubApi.inventory(":id")).handler(bodies).handler(blocking(inventory::put));
        router.patch(HubApi.inventory(":id")).handler(bodies).handler(blocking(inventory::patch));
        router.get(HubApi.inventory(":id")).handler(blocking(inventory::get));
        router.post(HubApi.heartbeat(":id")).handler(blocking(inventory::heartbeat));
        router.get(HubApi.plan(":id")).handler(ctx -> plan(ctx, plans));
        router.get(HubApi.plans(":id")).handler(blocking(plans::current));
        router.get(HubApi.exports()).handler(blocking(listings::exports));
        router.get(HubApi.imports()).handler(blocking(listings::imports));
        router.post(HubApi.tokens()).handler(bodies).handler(blocking(admin::createToken));
        router.get(HubApi.audit()).handler(blocking(admin::audit));
        router.get(HubApi.ca()).handler(blocking(admin::ca));
        router.get(HubApi.openApi()).handler(blocking(ctx -> {
            requests.caller(ctx);
            return new Reply(200, "application/yaml", openApi);
        }));
        router.route().handler(ctx -> ctx.fail(notFound(ctx)));
        router.route().failureHandler(this::failure);
        router.errorHandler(405, ctx -> send(ctx, error(ApiError.of(405, "MethodNotAllowed",
                ctx.request().method() + " is not allowed on " + ctx.request().path()))));
        return router;
    }

    /** Reads the body only for a caller with a valid certificate: others are refused before any of it is read. */
    private void authenticatedBody(RoutingContext ctx, BoundedBody body) {
        try {
            requests.caller(ctx);
        } catch (ApiException e) {
            ctx.fail(e);
            return;
        }
        body.handle(ctx);
    }

    private void plan(RoutingContext ctx, PlanEndpoints plans) {
        boolean watch;
        try {
            watch = PlanEndpoints.isWatch(ctx);
        } catch (ApiException e) {
            ctx.fail(e);
            return;
        }
        if (!watch) {
            blocking(plans::current).handle(ctx);
            return;
        }
        Context context = vertx.getOrCreateContext();
        vertx.executeBlocking(() -> plans.authorizeWatch(ctx), false)
                .onSuccess(from -> plans.startWatch(ctx, context, from))
                .onFailure(ctx::fail);
    }

    /** Runs {@code endpoint} on a worker thread and sends its reply. */
    private Handler<RoutingContext> blocking(Endpoint endpoint) {
        return ctx -> vertx.executeBlocking((Callable<Reply>) () -> endpoint.handle(ctx), false)
                .onSuccess(reply -> send(ctx, reply))
                .onFailure(ctx::fail);
    }

    /** One API operation. */
    @FunctionalInterface
    private interface Endpoint {
        Reply handle(RoutingContext ctx);
    }

    private static ApiException notFound(RoutingContext ctx) {
        Matcher versioned = VERSIONED.matcher(ctx.request().path());
        if (!versioned.matches()) {
            return ApiException.unknownVersion("paths start with the API version (e.g. " + HubApi.clusters()
                    + "); " + ctx.request().path() + " names none");
        }
        if (!HubApi.VERSIONS.contains(versioned.group(1))) {
            return ApiException.unknownVersion("API version " + versioned.group(1) + " is not served");
        }
        return ApiException.notFound("no API operation " + ctx.request().method() + " " + ctx.request().path()
                + "; see " + HubApi.openApi());
    }

    private void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        ApiError error;
        if (failure instanceof ApiException api) {
            error = api.error();
        } else if (failure instanceof com.hazelcast.core.HazelcastInstanceNotActiveException) {
            error = ApiError.of(503, "Unavailable", "this hub member is shutting down; try another");
        } else if (failure != null) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
            error = ApiError.of(500, "InternalError", failure.getClass().getSimpleName() + ": " + failure.getMessage());
        } else {
            int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
            error = ApiError.of(status, "HTTP" + status, "request failed with status " + status);
        }
        send(ctx, error(error));
    }

    private Reply error(ApiError error) {
        return requests.json(error.status(), error);
    }

    private static void send(RoutingContext ctx, Reply reply) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        HttpServerResponse response = ctx.response().setStatusCode(reply.status());
        if (!ctx.request().isEnded()) {
            // a refusal before the body was read (too large, over a limit, unauthenticated): the rest is never
            // parsed or kept
            sendUnread(ctx, response, reply);
            return;
        }
        if (reply.body() == null) {
            response.end();
            return;
        }
        response.putHeader("Content-Type", reply.contentType()).end(Buffer.buffer(reply.body()));
    }

    private static void sendUnread(RoutingContext ctx, HttpServerResponse response, Reply reply) {
        HttpServerRequest request = ctx.request();
        long declared = declaredLength(request);
        // HTTP/1.1 cannot go on past a long or unknown rest it does not read; HTTP/2 streams end on their own
        boolean closeAfter = request.version() != HttpVersion.HTTP_2
                && (declared < 0 || declared > MAX_DROPPED_ANONYMOUS_BYTES);
        dropThenCutBeyond(ctx, request, Requests.verified(ctx) ? HubApi.DEFAULT_MAX_BODY_BYTES
                : MAX_DROPPED_ANONYMOUS_BYTES);
        if (closeAfter) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        if (reply.body() != null) {
            response.putHeader("Content-Type", reply.contentType());
        }
        Future<Void> sent = reply.body() == null ? response.end() : response.end(Buffer.buffer(reply.body()));
        if (closeAfter) {
            sent.onComplete(done -> {
                // a sender that neither finishes nor sends more than the drop bound is not waited for long
                long timer = ctx.vertx().setTimer(MAX_LINGER_MILLIS, id -> request.connection().close());
                request.endHandler(end -> {
                    ctx.vertx().cancelTimer(timer);
                    request.connection().close();
                });
            });
        }
    }

    /**
     * The rest of a refused request body is dropped unparsed as it arrives, nothing kept; beyond
     * {@code maxBytes} the hub stops reading (flow control holds the sender) and closes the connection after
     * a linger: closing a socket with unread bytes makes the kernel reset it, and a reset can destroy the
     * answer before the client read it. (Resetting an HTTP/2 stream instead would cost nothing, but clients
     * such as the JDK's then never deliver the answer they already received.)
     */
    private static void dropThenCutBeyond(RoutingContext ctx, HttpServerRequest request, long maxBytes) {
        long[] dropped = {0};
        request.handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > maxBytes && dropped[0] - chunk.length() <= maxBytes) {
                request.pause();
                ctx.vertx().setTimer(LINGER_MILLIS, id -> request.connection().close());
            }
        });
    }

    private static long declaredLength(HttpServerRequest request) {
        String text = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return text == null ? -1 : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static PemKeyCertOptions keyCert(TlsMaterial material) {
        return new PemKeyCertOptions().setKeyValue(Buffer.buffer(material.privateKeyPem()))
                .setCertValue(Buffer.buffer(material.certificateChainPem()));
    }

    private static byte[] resource(String name) {
        try (InputStream in = ApiServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the hub's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
