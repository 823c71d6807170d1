package io.fedgate.gateway.internal.tunnel;

import io.fedgate.api.pki.ClusterIdentity;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.api.pki.UntrustedPeerException;
import io.fedgate.gateway.GatewayException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tunnel listener: accepts mutual-TLS HTTP/2 connections from peer gateways whose cluster is among the
 * plan's gateway peers, and serves their CONNECT streams. Peers removed from the plan lose their tunnels.
 */
public final class TunnelServer {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelServer.class);
    private final TunnelContext context;
    private final ServingContext serving;
    private final ChannelGroup connections = new DefaultChannelGroup("tunnels", GlobalEventExecutor.INSTANCE);
    private volatile Set<String> peers = Set.of();
    private volatile long planVersion = -1;
    private Channel acceptor;

    public TunnelServer(TunnelContext context, ServingContext serving) {
        this.context = context;
        this.serving = serving;
    }

    /** Binds the listener; returns the bound address. */
    public InetSocketAddress bind(InetSocketAddress address) {
        ServerBootstrap bootstrap = new ServerBootstrap().group(context.transport().group())
                .channel(context.transport().serverClass())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, Http2Connections.WATER_MARK)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        String logContext = "cluster=" + context.localCluster() + " role=server";
                        // read per connection: after a renewal, new tunnels present the new certificate
                        ch.pipeline().addLast(context.certificate().forServer().newHandler(ch.alloc()));
                        ch.pipeline().addLast(new PeerIdentityHandler(TunnelServer.this::admit,
                                TunnelServer.this::installHttp2, logContext));
                    }
                });
        try {
            acceptor = bootstrap.bind(address).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("interrupted while binding the tunnel listener " + address, e);
        } catch (Exception e) {
            throw new GatewayException("cannot bind the tunnel listener " + address + ": " + e.getMessage(), e);
        }
        return (InetSocketAddress) acceptor.localAddress();
    }

    /** Admits tunnels only from gateways of {@code peerClusters}; closes tunnels of clusters no longer listed. */
    public void admitPeers(Set<String> peerClusters, long version) {
        peers = Set.copyOf(peerClusters);
        planVersion = version;
        for (Channel ch : connections) {
            ClusterIdentity peer = ch.attr(PeerIdentityHandler.PEER_IDENTITY).get();
            if (peer != null && !peers.contains(peer.clusterId())) {
                LOG.warn("cluster={} planVersion={} peerCluster={} peer={} is no longer a gateway peer; closing its "
                        + "tunnel", context.localCluster(), version, peer.clusterId(), ch.remoteAddress());
                ch.close();
            }
        }
    }

    /** Open flows on all accepted tunnels. */
    public int activeStreams() {
        int n = 0;
        for (Channel ch : connections) {
            n += Http2Connections.activeStreams(ch);
        }
        return n;
    }

    /** Drain: stop accepting, GOAWAY on every tunnel; each closes when its flows end or at the deadline. */
    public void drain(Duration deadline) {
        if (acceptor != null) {
            acceptor.close();
        }
        long deadlineNanos = context.ticker().nanos() + deadline.toNanos();
        for (Channel ch : connections) {
            ch.eventLoop().execute(() -> {
                ch.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
                Http2Connections.closeWhenIdle(ch, deadlineNanos, context.ticker());
            });
        }
    }

    /** Closes the listener and every tunnel now. */
    public void close() {
        if (acceptor != null) {
            acceptor.close();
        }
        connections.close();
    }

    private ClusterIdentity admit(SSLSession session) {
        SpiffeId id = context.verifier().verify(session);
        long version = planVersion;
        if (!(id instanceof ClusterIdentity) || ((ClusterIdentity) id).component() != Component.GATEWAY) {
            throw new UntrustedPeerException(UntrustedPeerException.Reason.WRONG_COMPONENT,
                    "peer is " + id + ", expected a gateway");
        }
        ClusterIdentity peer = (ClusterIdentity) id;
        if (!peers.contains(peer.clusterId())) {
            throw new UntrustedPeerException(UntrustedPeerException.Reason.WRONG_CLUSTER, "peer is " + peer
                    + ", but cluster " + peer.clusterId() + " is not among the gateway peers " + peers
                    + " of plan version " + version);
        }
        return peer;
    }

    private void installHttp2(Channel ch, ClusterIdentity peer) {
        String peerIp = ((InetSocketAddress) ch.remoteAddress()).getAddress().getHostAddress();
        String logContext = "cluster=" + context.localCluster() + " peerCluster=" + peer.clusterId() + " peer="
                + ch.remoteAddress();
        ChannelPipeline p = ch.pipeline();
        Http2Connections.addCodec(p, true);
        p.addLast(new PingHandler(context.tuning().pingInterval(), context.tuning().pingTimeout(), context.ticker(),
                nanos -> { }));
        // the accepting side gives up later than the dialling side: after a cut both see the same silence, and
        // a connection the dialler found alive again must not be closed under it by this end's older verdict
        p.addLast(new TunnelTimeoutHandler(logContext, context.tuning().pingTimeout()
                .multipliedBy(2L * TunnelTimeoutHandler.DEFAULT_CLOSE_AFTER_TIMEOUTS), TunnelLivenessListener.NONE));
        Http2Connections.addMultiplexer(p,
                new InboundStreamInitializer(serving, context.metrics(), peer.clusterId(), peerIp, logContext),
                logContext);
        connections.add(ch);
        LOG.info("{} tunnel accepted ({})", logContext, TunnelTls.describeCertificates(ch));
    }
}
