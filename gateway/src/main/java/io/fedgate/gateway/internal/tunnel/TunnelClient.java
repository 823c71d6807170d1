package io.fedgate.gateway.internal.tunnel;

import io.fedgate.gateway.internal.relay.FlowOpenException;

import io.fedgate.api.model.GatewayEndpoint;
import io.fedgate.api.pki.Component;
import io.fedgate.gateway.internal.balancing.BalancingTarget;
import io.fedgate.gateway.internal.balancing.Ewma;
import io.fedgate.gateway.internal.metrics.GatewayMetrics;
import io.fedgate.gateway.internal.relay.LogContext;
import io.fedgate.gateway.internal.relay.StreamTraffic;
import io.micrometer.core.instrument.Counter;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tunnel this gateway dials to one peer gateway: keeps one HTTP/2 connection up (redialling with
 * backoff and jitter), measures its RTT, and opens one CONNECT stream per flow. Live while the connection is
 * admitted, the peer's SETTINGS arrived, PINGs are answered and no GOAWAY came. After a GOAWAY the old
 * connection keeps its flows until they end, and a new one is dialled at once. When the peer stops answering,
 * the streams still waiting for its answer are abandoned (their flows are tried elsewhere) and the tunnel
 * takes no new ones until the peer is heard from again ({@link TunnelTimeoutHandler}).
 *
 * <p>When the earlier of the two certificates a connection handshook with (this gateway's, the peer's) expires,
 * the connection is replaced make-before-break: a new one is dialled, presenting the certificate in use now (a
 * renewed one), and takes new flows once up; the old one keeps its flows until they end. TLS checks a
 * certificate only at the handshake, so without this a tunnel would carry new flows on an expired certificate
 * for as long as it lives. Should the new connection fail, the old one stops taking flows too and the tunnel
 * redials as after any loss.
 *
 * <p>All state changes happen on the tunnel's own event loop; {@link #live()}, {@link #rttNanos()} and
 * {@link #openStream} may be called from any thread.
 */
public final class TunnelClient implements BalancingTarget {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelClient.class);
    /**
     * Flows on a connection replaced for its certificates' expiry run until they end: a year is as good as
     * forever here and keeps the deadline arithmetic in range.
     */
    private static final Duration UNTIL_FLOWS_END = Duration.ofDays(365);
    private static final String UNRESPONSIVE = "tunnel unresponsive (no PING answer)";

    private final TunnelContext context;
    private final String peerCluster;
    private final GatewayEndpoint endpoint;
    private final EventLoop loop;
    private final ReconnectBackoff backoff;
    private final Ewma rtt = Ewma.withDefaultWeight();
    private final AtomicInteger streams;
    private final StreamTraffic traffic;
    private final String logContext;
    private final String key;
    private final String via;
    private volatile Channel channel;
    /** The connection replacing {@link #channel} before its certificates expire, until it is up. */
    private Channel successor;
    /** The scheduled {@link #dial}, if any: cancelled when a successor takes over first. Tunnel loop only. */
    private Future<?> redial;
    private volatile boolean ready;
    private volatile boolean responsive = true;
    /** Streams opened and not yet answered: abandoned when the peer stops answering. Tunnel loop only. */
    private final Set<Http2StreamChannel> awaitingAnswer = new HashSet<>();
    private volatile boolean closed;

    public TunnelClient(TunnelContext context, String peerCluster, GatewayEndpoint endpoint) {
        this.context = Objects.requireNonNull(context, "context");
        this.peerCluster = Objects.requireNonNull(peerCluster, "peerCluster");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.loop = context.transport().group().next();
        this.backoff = new ReconnectBackoff(context.tuning().reconnectBackoffBase(),
                context.tuning().reconnectBackoffMax(), context.random());
        this.streams = context.metrics().streamsActive(peerCluster, endpoint.name());
        Counter rx = context.metrics().tunnelBytes(peerCluster, endpoint.name(), GatewayMetrics.RX);
        Counter tx = context.metrics().tunnelBytes(peerCluster, endpoint.name(), GatewayMetrics.TX);
        this.traffic = new StreamTraffic(rx::increment, tx::increment);
        this.logContext = "cluster=" + context.localCluster() + " peerCluster=" + peerCluster + " peer="
                + endpoint.name() + " (" + endpoint.host() + ":" + endpoint.port() + ")";
        this.key = "gateway/" + peerCluster + "/" + endpoint.name() + "@" + endpoint.host() + ":" + endpoint.port();
        this.via = peerCluster + "/" + endpoint.name();
        context.metrics().tunnelUp(peerCluster, endpoint.name(), false);
    }

    /** Starts dialling. */
    public void start() {
        loop.execute(this::dial);
    }

    /** The peer cluster. */
    public String peerCluster() {
        return peerCluster;
    }

    /** The peer gateway as the plan names it. */
    public GatewayEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public boolean live() {
        Channel ch = channel;
        return ready && responsive && !closed && ch != null && ch.isActive();
    }

    @Override
    public double rttNanos() {
        return rtt.value();
    }

    /** Where the bytes of this tunnel's streams are counted ({@code fedgate_tunnel_bytes_total}). */
    public StreamTraffic traffic() {
        return traffic;
    }

    /** Flows open on this tunnel now. */
    public int activeStreams() {
        return streams.get();
    }

    /**
     * Opens a CONNECT stream for {@code target} with {@code extraHeaders}; the future completes with the stream
     * once the serving gateway answered 200, or fails with a {@link FlowOpenException}.
     */
    public Future<Http2StreamChannel> openStream(TunnelTarget target, Map<String, String> extraHeaders) {
        Promise<Http2StreamChannel> opened = loop.newPromise();
        Channel parent = channel;
        LogContext description = LogContext.of(target).with("via", via);
        if (!live()) {
            opened.setFailure(new FlowOpenException(description + ": tunnel is not up"));
            return opened;
        }
        Http2Headers headers = new DefaultHttp2Headers().method("CONNECT").authority(target.authority());
        extraHeaders.forEach(headers::add);
        if (target.endpoint() != null) {
            headers.add(TunnelHeaders.ENDPOINT_NAME, target.endpoint());
        }
        Duration timeout = context.tuning().streamOpenTimeout();
        new Http2StreamChannelBootstrap(parent)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, Http2Connections.WATER_MARK)
                .handler(new ConnectResponseHandler(opened, timeout, description))
                .open().addListener((Future<Http2StreamChannel> f) -> {
                    if (!f.isSuccess()) {
                        opened.tryFailure(new FlowOpenException(description + ": cannot open a stream: " + f.cause(),
                                f.cause()));
                        return;
                    }
                    Http2StreamChannel stream = f.getNow();
                    if (!responsive) {
                        // the peer stopped answering between the caller's live() and now
                        opened.tryFailure(new FlowOpenException(description + ": " + UNRESPONSIVE));
                        stream.close();
                        return;
                    }
                    awaitingAnswer.add(stream);
                    opened.addListener(o -> awaitingAnswer.remove(stream));
                    streams.incrementAndGet();
                    stream.closeFuture().addListener(c -> streams.decrementAndGet());
                    stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers, false)).addListener(w -> {
                        if (!w.isSuccess()) {
                            opened.tryFailure(new FlowOpenException(description + ": cannot send CONNECT: "
                                    + w.cause(), w.cause()));
                            stream.close();
                        }
                    });
                    stream.read();
                });
        return opened;
    }

    /** Stops: no redial; GOAWAY on the connection; it closes once its flows ended or {@code deadline} passed. */
    public void close(Duration deadline) {
        closed = true;
        loop.execute(() -> {
            dropSuccessor();
            cancelRedial();
            Channel ch = channel;
            if (ch != null) {
                retire(ch, deadline);
            }
        });
    }

    private void dial() {
        redial = null;
        if (closed) {
            return;
        }
        dropSuccessor();
        Channel previous = channel;
        if (previous != null && previous.isActive()) {
            retire(previous, context.tuning().drainTimeout());
        }
        Channel ch = connect();
        channel = ch;
        ready = false;
        responsive = true;
    }

    /** Opens a connection; it reports readiness and closing, and becomes {@link #channel} or the successor. */
    private Channel connect() {
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(context.transport().socketClass())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) context.tuning().connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, Http2Connections.WATER_MARK)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // read per connection: after a renewal, new connections present the new certificate
                        ch.pipeline().addLast(context.certificate().forClient().newHandler(ch.alloc(),
                                endpoint.host(), endpoint.port()));
                        ch.pipeline().addLast(new PeerIdentityHandler(
                                session -> context.verifier().verify(session, peerCluster, Component.GATEWAY),
                                (c, peer) -> installHttp2(c), logContext + " role=client"));
                    }
                });
        ChannelFuture connect = bootstrap.connect(endpoint.host(), endpoint.port());
        Channel ch = connect.channel();
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                LOG.debug("{} dial failed: {}", logContext, f.cause().toString());
            }
        });
        ch.closeFuture().addListener(f -> onClosed(ch));
        return ch;
    }

    private void installHttp2(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        Http2Connections.addCodec(p, false);
        p.addLast(new TunnelStateHandler(new TunnelStateListener() {
            @Override
            public void settingsReceived() {
                onReady(ch);
            }

            @Override
            public void goAwayReceived(long errorCode) {
                onGoAway(ch, errorCode);
            }
        }));
        p.addLast(new PingHandler(context.tuning().pingInterval(), context.tuning().pingTimeout(), context.ticker(),
                nanos -> {
                    rtt.add(nanos);
                    context.metrics().tunnelRtt(peerCluster, endpoint.name(), nanos);
                }));
        p.addLast(new TunnelTimeoutHandler(logContext, context.tuning().pingTimeout()
                .multipliedBy(TunnelTimeoutHandler.DEFAULT_CLOSE_AFTER_TIMEOUTS), new TunnelLivenessListener() {
                    @Override
                    public void unresponsive() {
                        onUnresponsive(ch);
                    }

                    @Override
                    public void responsive() {
                        onResponsive(ch);
                    }
                }));
        Http2Connections.addMultiplexer(p, Http2Connections.refuseStreams(logContext), logContext);
    }

    private void onReady(Channel ch) {
        if (ch == successor) {
            promote(ch);
            return;
        }
        if (ch != channel) {
            return;
        }
        ready = true;
        backoff.reset();
        context.metrics().tunnelUp(peerCluster, endpoint.name(), true);
        LOG.info("{} tunnel up ({})", logContext, TunnelTls.describeCertificates(ch));
        replaceAtExpiry(ch);
    }

    /** Schedules {@link #replace} of {@code ch} for when the earlier of its two certificates expires. */
    private void replaceAtExpiry(Channel ch) {
        Instant expiry = TunnelTls.expiry(ch);
        if (expiry == null) {
            return;
        }
        context.metrics().tunnelCertificateExpiry(peerCluster, endpoint.name(), expiry);
        Duration left = Duration.between(context.clock().instant(), expiry);
        // Already expired by this gateway's clock, yet the handshake passed: the peer's clock is behind, or this
        // gateway's own certificate expired (renewals failing). A new connection at once would find the same, so
        // try again no sooner than the reconnect backoff's ceiling instead of dialling in a tight loop.
        Duration wait = left.isNegative() || left.isZero() ? context.tuning().reconnectBackoffMax() : left;
        Future<?> replacement = loop.schedule(() -> replace(ch, expiry), wait.toMillis(), TimeUnit.MILLISECONDS);
        // a connection lost before its certificates expire must not stay referenced by its timer until then
        ch.closeFuture().addListener(f -> replacement.cancel(false));
    }

    /** Make-before-break: dials the successor of {@code ch}, whose certificates expire at {@code expiry}. */
    private void replace(Channel ch, Instant expiry) {
        if (closed || ch != channel || successor != null) {
            return;
        }
        LOG.info("{} a certificate of this tunnel expires at {} ({}): dialling a new connection; flows on this one "
                + "continue until they end", logContext, expiry, TunnelTls.describeCertificates(ch));
        successor = connect();
    }

    private void promote(Channel next) {
        Channel previous = channel;
        successor = null;
        cancelRedial();
        channel = next;
        ready = true;
        responsive = true;
        backoff.reset();
        context.metrics().tunnelUp(peerCluster, endpoint.name(), true);
        LOG.info("{} tunnel up on a new connection ({}); the previous one keeps its flows until they end",
                logContext, TunnelTls.describeCertificates(next));
        replaceAtExpiry(next);
        if (previous != null) {
            retire(previous, UNTIL_FLOWS_END);
        }
    }

    private void dropSuccessor() {
        Channel pending = successor;
        successor = null;
        if (pending != null) {
            pending.close();
        }
    }

    private void onUnresponsive(Channel ch) {
        if (ch == channel) {
            responsive = false;
            context.metrics().tunnelUp(peerCluster, endpoint.name(), false);
        }
        // also on a connection already replaced (it may still be answering opens made just before)
        for (Http2StreamChannel stream : List.copyOf(awaitingAnswer)) {
            if (stream.parent() == ch) {
                ConnectResponseHandler.abandon(stream, UNRESPONSIVE);
            }
        }
    }

    private void onResponsive(Channel ch) {
        if (ch != channel) {
            return;
        }
        responsive = true;
        context.metrics().tunnelUp(peerCluster, endpoint.name(), live());
    }

    private void onGoAway(Channel ch, long errorCode) {
        LOG.info("{} peer sent GOAWAY (error {}): draining this connection, dialling a new one", logContext,
                Http2Error.valueOf(errorCode));
        if (ch == channel) {
            ready = false;
            context.metrics().tunnelUp(peerCluster, endpoint.name(), false);
            channel = null;
            retire(ch, context.tuning().drainTimeout());
            redialUnlessSucceeded();
        }
    }

    private void onClosed(Channel ch) {
        if (ch == successor) {
            successor = null;
            if (closed) {
                return;
            }
            Channel expired = channel;
            if (expired != null) {
                // the certificates of the current connection expired and no new one could be made: stop
                // sending new flows over it and redial as after any loss
                LOG.warn("{} the connection replacing the one with expiring certificates failed; redialling, "
                        + "flows on the old connection continue until they end", logContext);
                ready = false;
                context.metrics().tunnelUp(peerCluster, endpoint.name(), false);
                channel = null;
                retire(expired, UNTIL_FLOWS_END);
            }
            scheduleRedial(backoff.next());
            return;
        }
        if (ch != channel) {
            return;
        }
        boolean wasReady = ready;
        ready = false;
        context.metrics().tunnelUp(peerCluster, endpoint.name(), false);
        if (closed) {
            return;
        }
        if (successor != null) {
            // a replacement is already being made: it takes over once up, or its failure redials
            LOG.warn("{} tunnel down; its replacement connection takes over once up", logContext);
            channel = null;
            return;
        }
        Duration delay = backoff.next();
        if (wasReady) {
            LOG.warn("{} tunnel down; redialling in {}", logContext, delay);
        }
        scheduleRedial(delay);
    }

    /** After the current connection was lost: a successor under way takes over; otherwise redial. */
    private void redialUnlessSucceeded() {
        if (successor == null) {
            scheduleRedial(backoff.next());
        }
    }

    private void scheduleRedial(Duration delay) {
        if (redial == null || redial.isDone()) {
            redial = loop.schedule(this::dial, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void cancelRedial() {
        Future<?> pending = redial;
        redial = null;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    /** GOAWAY on {@code ch}, then close it once it carries no stream or at {@code deadline}. */
    private void retire(Channel ch, Duration deadline) {
        if (!ch.isActive()) {
            ch.close();
            return;
        }
        ch.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
        Http2Connections.closeWhenIdle(ch, context.ticker().nanos() + deadline.toNanos(), context.ticker());
    }

    @Override
    public String toString() {
        return "tunnel to " + peerCluster + "/" + endpoint.name() + (live() ? " (live)" : " (down)");
    }
}
