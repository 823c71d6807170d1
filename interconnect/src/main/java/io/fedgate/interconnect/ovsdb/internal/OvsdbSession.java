package io.fedgate.interconnect.ovsdb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fedgate.interconnect.ovsdb.Condition;
import io.fedgate.interconnect.ovsdb.DatabaseSchema;
import io.fedgate.interconnect.ovsdb.MonitoredTable;
import io.fedgate.interconnect.ovsdb.OvsdbClientConfig;
import io.fedgate.interconnect.ovsdb.OvsdbConnectionException;
import io.fedgate.interconnect.ovsdb.OvsdbEndpoint;
import io.fedgate.interconnect.ovsdb.OvsdbException;
import io.fedgate.interconnect.ovsdb.OvsdbProtocolException;
import io.fedgate.interconnect.ovsdb.OvsdbSchemaException;
import io.fedgate.interconnect.ovsdb.OvsdbServerException;
import io.fedgate.interconnect.ovsdb.OvsdbTimeoutException;
import io.fedgate.interconnect.ovsdb.OvsdbTlsException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical connection to a database, kept alive across server restarts. Establishing a connection runs
 * a fixed sequence: TCP (and TLS), leader check on {@code _Server} (clustered databases), {@code get_schema}
 * with the required-columns check, {@code monitor_cond} whose reply rebuilds the replica. When the
 * connection drops, it reconnects with exponential backoff and jitter, trying the next endpoint each time
 * (so a client finds the new leader), and monitors again.
 */
public final class OvsdbSession {
    /** The id of this client's one monitor. */
    static final String MONITOR_ID = "fedgate";
    /** TLS alerts with which a server refuses the client's certificate. */
    private static final List<String> REFUSED_CLIENT_ALERTS = List.of("unknown_ca", "bad_certificate",
            "certificate_unknown", "certificate_required", "access_denied");
    /** A TLS failure seen on a channel, kept so that the call it breaks reports it instead of "connection closed". */
    private static final AttributeKey<SSLException> TLS_FAILURE = AttributeKey.valueOf("fedgate-ovsdb-tls-failure");
    private static final Logger LOG = LoggerFactory.getLogger(OvsdbSession.class);

    private final OvsdbClientConfig cfg;
    private final IoThreads io;
    private final boolean ownsIo;
    private final Replica replica;
    private final SslContext ssl;
    private final Backoff backoff;
    private final Bootstrap bootstrap;
    private final Object lock = new Object();

    private volatile DatabaseSchema schema;
    private volatile boolean closed;
    private volatile Throwable lastError;
    private volatile OvsdbEndpoint connectedTo;
    private CompletableFuture<Channel> ready = new CompletableFuture<>();
    private Channel channel;
    private int attempt;
    private int endpointIndex;
    private long connects;

    /**
     * @param io     shared I/O threads, or null to start one thread owned by this session
     */
    public OvsdbSession(OvsdbClientConfig cfg, IoThreads io, Replica replica) {
        this.cfg = cfg;
        this.ownsIo = io == null;
        this.io = io == null ? new IoThreads(1) : io;
        this.replica = replica;
        this.ssl = cfg.tls() == null ? null : TlsClientContext.build(cfg.tls(), cfg.label());
        this.backoff = new Backoff(cfg.reconnectInitialDelay(), cfg.reconnectMaxDelay(), cfg.random());
        this.bootstrap = new Bootstrap().group(this.io.group()).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, cfg.connectTimeout().toMillis()));
    }

    /** The schema of the current (or last) connection. */
    public DatabaseSchema schema() {
        return schema;
    }

    /** The endpoint of the current connection, or null while disconnected. */
    public OvsdbEndpoint connectedTo() {
        return connectedTo;
    }

    /** Number of connections established so far (1 after the initial connect, +1 per reconnect). */
    public long connectCount() {
        synchronized (lock) {
            return connects;
        }
    }

    /** True while a connection is established and monitored. */
    public boolean isConnected() {
        synchronized (lock) {
            return channel != null && channel.isActive();
        }
    }

    /**
     * Connects for the first time, trying each endpoint once; blocks until connected or every endpoint failed.
     *
     * @throws OvsdbException naming each endpoint's failure; a schema mismatch is reported as such at once
     */
    public void start() {
        List<String> failures = new ArrayList<>();
        OvsdbException last = null;
        List<OvsdbEndpoint> endpoints = cfg.endpoints();
        for (int i = 0; i < endpoints.size(); i++) {
            OvsdbEndpoint ep = endpoints.get(i);
            try {
                Channel ch = await(establish(ep), establishBound());
                onEstablished(ch, ep, i);
                return;
            } catch (OvsdbSchemaException e) {
                close();
                throw e;
            } catch (OvsdbException e) {
                last = e;
                failures.add(e.getMessage());
            }
        }
        close();
        if (endpoints.size() == 1 && last != null) {
            throw last;
        }
        throw new OvsdbConnectionException(cfg.label() + ": no usable server among " + endpoints + ": "
                + String.join("; ", failures), last);
    }

    private Duration establishBound() {
        return cfg.connectTimeout().plus(cfg.requestTimeout().multipliedBy(4)).plusSeconds(1);
    }

    /**
     * Sends one request once connected. Waits for a connection at most the request timeout; the reply is
     * bounded by the request timeout too.
     */
    public CompletableFuture<JsonNode> call(String method, ArrayNode params) {
        if (closed) {
            return CompletableFuture.failedFuture(new OvsdbConnectionException(cfg.label() + ": client is closed"));
        }
        CompletableFuture<Channel> current;
        synchronized (lock) {
            current = ready;
        }
        CompletableFuture<Channel> waiting = new CompletableFuture<>();
        current.whenComplete((ch, e) -> {
            if (e != null) {
                waiting.completeExceptionally(e);
            } else {
                waiting.complete(ch);
            }
        });
        if (!waiting.isDone()) {
            io.group().schedule(() -> waiting.completeExceptionally(new OvsdbConnectionException(cfg.label()
                    + ": not connected to " + cfg.endpoints() + " within " + cfg.requestTimeout().toMillis()
                    + " ms (reconnecting" + (lastError == null ? "" : "; last error: " + lastError.getMessage()) + ")")),
                    cfg.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
        return waiting.thenCompose(ch -> send(ch, method, params, null));
    }

    /** Drops the current connection so that the next one is made (e.g. after a "cluster error"). */
    public void forceReconnect(String why) {
        Channel ch;
        synchronized (lock) {
            ch = channel;
        }
        if (ch != null) {
            LOG.info("[{}] reconnecting: {}", cfg.label(), why);
            ch.close();
        }
    }

    /** Closes the connection and stops reconnecting. */
    public void close() {
        Channel ch;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            ch = channel;
            channel = null;
            ready.completeExceptionally(new OvsdbConnectionException(cfg.label() + ": client is closed"));
        }
        if (ch != null) {
            ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        if (ownsIo) {
            io.shutdown();
        }
    }

    // ---------------------------------------------------------------- establishing a connection

    private CompletableFuture<Channel> establish(OvsdbEndpoint ep) {
        CompletableFuture<Channel> out = new CompletableFuture<>();
        ChannelFuture connect = bootstrap.clone().handler(new Initializer(ep)).connect(ep.host(), ep.port());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                out.completeExceptionally(new OvsdbConnectionException(cfg.label() + ": cannot connect to " + ep + ": "
                        + describe(f.cause()), f.cause()));
                return;
            }
            Channel ch = connect.channel();
            handshake(ch, ep)
                    .thenCompose(v -> leaderCheck(ch, ep))
                    .thenCompose(v -> send(ch, "get_schema", array().add(cfg.database()), null))
                    .thenApply(json -> checkedSchema(json, ep))
                    .thenCompose(s -> monitor(ch, s))
                    .whenComplete((v, e) -> {
                        if (e != null) {
                            SSLException tls = ch.attr(TLS_FAILURE).get();
                            ch.close();
                            out.completeExceptionally(tls != null && !(unwrap(e) instanceof OvsdbTlsException)
                                    ? tlsFailure(ep, tls) : unwrap(e));
                        } else {
                            out.complete(ch);
                        }
                    });
        });
        return out;
    }

    /** Completes once the TLS handshake is done (at once for {@code tcp:}); fails naming what was refused. */
    private CompletableFuture<Void> handshake(Channel ch, OvsdbEndpoint ep) {
        SslHandler handler = ch.pipeline().get(SslHandler.class);
        if (handler == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        handler.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(tlsFailure(ep, f.cause()));
            }
        });
        return done;
    }

    /**
     * Says which side refused whom. The server checks the client's certificate after the handshake under TLS
     * 1.3, so a refusal of fedgate's certificate arrives as an alert on the first read, not as a failed
     * handshake.
     */
    private OvsdbTlsException tlsFailure(OvsdbEndpoint ep, Throwable cause) {
        String detail = certificateProblem(cause);
        String alert = describe(cause).toLowerCase(Locale.ROOT);
        if (detail == null && alert.contains("alert") && REFUSED_CLIENT_ALERTS.stream().anyMatch(alert::contains)) {
            // certificate_required: the JDK offers no certificate whose issuer the server did not list as accepted
            detail = "the server refused fedgate's client certificate " + cfg.tls().certificate()
                    + " (it must be signed by a CA the server trusts, its --ca-cert): " + describe(cause);
        }
        return new OvsdbTlsException(cfg.label() + ": TLS handshake with " + ep + " failed: "
                + (detail == null ? describe(cause) : detail) + "; nothing was read or written", cause);
    }

    /** The message of the certificate check that failed the handshake, or null when none did. */
    private static String certificateProblem(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof CertificateException) {
                return c.getMessage();
            }
        }
        return null;
    }

    private DatabaseSchema checkedSchema(JsonNode json, OvsdbEndpoint ep) {
        DatabaseSchema s = SchemaParser.parse(json);
        SchemaParser.requireColumns(s, cfg.required(), cfg.label() + " at " + ep);
        schema = s;
        return s;
    }

    /**
     * For a clustered database, only the leader is used (followers forward writes and may serve stale reads).
     * Servers without {@code _Server} (very old) are taken as standalone.
     */
    private CompletableFuture<Void> leaderCheck(Channel ch, OvsdbEndpoint ep) {
        if (!cfg.requireLeader()) {
            return CompletableFuture.completedFuture(null);
        }
        ObjectNode select = OvsdbJson.MAPPER.createObjectNode();
        select.put("op", "select");
        select.put("table", "Database");
        select.set("where", OvsdbJson.where(List.of(Condition.eq("name", cfg.database()))));
        select.set("columns", array().add("name").add("model").add("connected").add("leader"));
        return send(ch, "transact", array().add("_Server").add(select), null)
                .handle((result, e) -> {
                    if (e != null) {
                        Throwable cause = unwrap(e);
                        if (cause instanceof OvsdbServerException se && se.error().contains("unknown database")) {
                            return null;
                        }
                        throw new CompletionException(cause);
                    }
                    JsonNode rows = result.path(0).path("rows");
                    if (!rows.isArray() || rows.isEmpty()) {
                        throw new CompletionException(new OvsdbConnectionException(cfg.label() + ": " + ep
                                + " does not serve database " + cfg.database()));
                    }
                    JsonNode db = rows.get(0);
                    if ("clustered".equals(db.path("model").asText())
                            && !(db.path("connected").asBoolean(false) && db.path("leader").asBoolean(false))) {
                        throw new CompletionException(new OvsdbConnectionException(cfg.label() + ": " + ep
                                + " is not the leader of clustered database " + cfg.database() + " (connected="
                                + db.path("connected").asBoolean() + ", leader=" + db.path("leader").asBoolean() + ")"));
                    }
                    return null;
                });
    }

    private CompletableFuture<Void> monitor(Channel ch, DatabaseSchema s) {
        if (cfg.monitored().isEmpty()) {
            replica.resync(s, null);
            return CompletableFuture.completedFuture(null);
        }
        ObjectNode requests = OvsdbJson.MAPPER.createObjectNode();
        for (MonitoredTable m : cfg.monitored()) {
            ObjectNode req = OvsdbJson.MAPPER.createObjectNode();
            ArrayNode cols = req.putArray("columns");
            m.columns().forEach(cols::add);
            if (!m.where().isEmpty()) {
                req.set("where", OvsdbJson.where(m.where()));
            }
            requests.set(m.table(), array().add(req));
        }
        ArrayNode params = array().add(cfg.database()).add(MONITOR_ID).add(requests);
        // the replica is rebuilt on the I/O thread as the reply is read, before any update2 that follows it
        return send(ch, "monitor_cond", params, reply -> replica.resync(s, reply)).thenApply(r -> null);
    }

    private void onEstablished(Channel ch, OvsdbEndpoint ep, int index) {
        synchronized (lock) {
            if (closed) {
                ch.close();
                return;
            }
            channel = ch;
            connectedTo = ep;
            endpointIndex = index;
            attempt = 0;
            connects++;
            ready.complete(ch);
        }
        if (connectCount() > 1) {
            LOG.info("[{}] reconnected to {} ({})", cfg.label(), ep, schema.describe());
        } else {
            LOG.debug("[{}] connected to {} ({})", cfg.label(), ep, schema.describe());
        }
        ch.closeFuture().addListener(f -> onDisconnected(ch, ep));
    }

    private void onDisconnected(Channel ch, OvsdbEndpoint ep) {
        synchronized (lock) {
            if (channel != ch) {
                return;
            }
            channel = null;
            connectedTo = null;
            if (closed) {
                return;
            }
            if (ready.isDone()) {
                ready = new CompletableFuture<>();
            }
        }
        LOG.warn("[{}] connection to {} lost; reconnecting", cfg.label(), ep);
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        Duration delay;
        synchronized (lock) {
            if (closed) {
                return;
            }
            delay = backoff.delay(attempt++);
        }
        io.group().schedule(this::reconnect, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void reconnect() {
        int index;
        synchronized (lock) {
            if (closed) {
                return;
            }
            index = endpointIndex;
        }
        OvsdbEndpoint ep = cfg.endpoints().get(index);
        establish(ep).whenComplete((ch, e) -> {
            if (e == null) {
                onEstablished(ch, ep, index);
                return;
            }
            lastError = unwrap(e);
            LOG.debug("[{}] reconnect to {} failed: {}", cfg.label(), ep, lastError.getMessage());
            synchronized (lock) {
                endpointIndex = (index + 1) % cfg.endpoints().size();
            }
            scheduleReconnect();
        });
    }

    // ---------------------------------------------------------------- requests

    /**
     * Writes one call on {@code ch}. {@code onReply}, when given, runs on the I/O thread as the reply is
     * read (it is attached before the request is written).
     */
    private CompletableFuture<JsonNode> send(Channel ch, String method, ArrayNode params,
                                             java.util.function.Consumer<JsonNode> onReply) {
        OutboundCall call = OutboundCall.of(method, params, cfg.requestTimeout());
        CompletableFuture<JsonNode> reply = call.reply();
        CompletableFuture<JsonNode> out = onReply == null ? reply : reply.thenApply(r -> {
            onReply.accept(r);
            return r;
        });
        // a guard in case the pipeline is already torn down and the call never reaches the correlation handler
        reply.orTimeout(cfg.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        ch.writeAndFlush(call).addListener(f -> {
            if (!f.isSuccess()) {
                reply.completeExceptionally(new OvsdbConnectionException(cfg.label() + ": could not send " + method
                        + ": " + describe(f.cause()), f.cause()));
            }
        });
        return out.exceptionallyCompose(e -> CompletableFuture.failedFuture(contextualize(unwrap(e), method)));
    }

    private void onNotification(Channel ch, JsonRpcMessage.Notification n) {
        if (!"update2".equals(n.method())) {
            LOG.debug("[{}] notification {} ignored", cfg.label(), n.method());
            return;
        }
        if (n.params().size() != 2 || !MONITOR_ID.equals(n.params().get(0).asText(null))) {
            LOG.debug("[{}] update2 for another monitor ignored", cfg.label());
            return;
        }
        try {
            replica.applyUpdate2(schema, n.params().get(1));
        } catch (OvsdbProtocolException e) {
            LOG.warn("[{}] bad update2 ({}); reconnecting to rebuild the replica", cfg.label(), e.getMessage());
            ch.close();
        }
    }

    private final class Initializer extends ChannelInitializer<SocketChannel> {
        private final OvsdbEndpoint ep;

        Initializer(OvsdbEndpoint ep) {
            this.ep = ep;
        }

        @Override
        protected void initChannel(SocketChannel ch) {
            ChannelPipeline p = ch.pipeline();
            String label = cfg.label() + " " + ep;
            if (ep.transport() == OvsdbEndpoint.Transport.SSL) {
                p.addLast("ssl", ssl.newHandler(ch.alloc(), ep.host(), ep.port()));
            }
            long idle = cfg.keepaliveInterval().toMillis();
            if (idle > 0) {
                p.addLast("idle", new IdleStateHandler(idle, 0, 0, TimeUnit.MILLISECONDS));
            }
            p.addLast("framing", new JsonStreamFrameDecoder(cfg.maxMessageBytes()));
            p.addLast("jsonrpc", new JsonRpcCodec());
            p.addLast("echo", new EchoResponderHandler());
            if (idle > 0) {
                p.addLast("keepalive", new KeepaliveHandler(label));
            }
            p.addLast("correlation", new RpcCorrelationHandler(label, cfg.maxPendingRequests()));
            p.addLast("notifications", new NotificationDispatchHandler(label, n -> onNotification(ch, n)));
            p.addLast("errors", new ConnectionErrorHandler(label, e -> {
                lastError = e;
                if (e instanceof SSLException tls) {
                    ch.attr(TLS_FAILURE).set(tls);
                }
            }));
        }
    }

    // ---------------------------------------------------------------- errors

    /** Blocks for {@code f}, bounded, turning every failure into an {@link OvsdbException}. */
    public <T> T await(CompletableFuture<T> f, Duration bound) {
        try {
            return f.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw asOvsdbException(e.getCause());
        } catch (TimeoutException e) {
            throw new OvsdbTimeoutException(cfg.label() + ": no result within " + bound.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OvsdbConnectionException(cfg.label() + ": interrupted", e);
        }
    }

    /** The exception a caller sees for {@code t}. */
    public OvsdbException asOvsdbException(Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof OvsdbException oe) {
            return oe;
        }
        return contextualize(cause, null);
    }

    private OvsdbException contextualize(Throwable cause, String method) {
        String what = method == null ? "" : method + ": ";
        if (cause instanceof OvsdbProtocolException pe && !pe.getMessage().startsWith(cfg.label())) {
            return new OvsdbProtocolException(cfg.label() + ": " + what + pe.getMessage(), pe);
        }
        if (cause instanceof OvsdbException oe) {
            return oe;
        }
        if (cause instanceof TimeoutException) {
            return new OvsdbTimeoutException(cfg.label() + ": " + what + "no reply within "
                    + cfg.requestTimeout().toMillis() + " ms");
        }
        return new OvsdbConnectionException(cfg.label() + ": " + what + describe(cause), cause);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    private static ArrayNode array() {
        return OvsdbJson.MAPPER.createArrayNode();
    }
}
