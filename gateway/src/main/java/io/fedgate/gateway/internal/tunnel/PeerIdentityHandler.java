package io.fedgate.gateway.internal.tunnel;

import io.fedgate.api.pki.ClusterIdentity;
import io.fedgate.api.pki.UntrustedPeerException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks who the peer of a tunnel is once TLS completes, and only then lets the HTTP/2 handlers in: a refused
 * or failed handshake is logged and the connection closed; nothing the peer sent reaches the codec before.
 * On success it records the identity in {@link #PEER_IDENTITY}, calls {@code onAdmitted} (which installs the
 * HTTP/2 handlers after this one) and removes itself.
 */
public final class PeerIdentityHandler extends ChannelInboundHandlerAdapter {
    /** The admitted peer's identity, on the tunnel's channel. */
    public static final AttributeKey<ClusterIdentity> PEER_IDENTITY = AttributeKey.valueOf("fedgate.peerIdentity");
    private static final Logger LOG = LoggerFactory.getLogger(PeerIdentityHandler.class);

    private final PeerAdmission admission;
    private final BiConsumer<Channel, ClusterIdentity> onAdmitted;
    private final String logContext;

    /**
     * @param logContext correlation for log lines, e.g. {@code cluster=east role=server}
     */
    public PeerIdentityHandler(PeerAdmission admission, BiConsumer<Channel, ClusterIdentity> onAdmitted,
                               String logContext) {
        this.admission = Objects.requireNonNull(admission, "admission");
        this.onAdmitted = Objects.requireNonNull(onAdmitted, "onAdmitted");
        this.logContext = logContext;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!(evt instanceof SslHandshakeCompletionEvent)) {
            super.userEventTriggered(ctx, evt);
            return;
        }
        SslHandshakeCompletionEvent handshake = (SslHandshakeCompletionEvent) evt;
        if (!handshake.isSuccess()) {
            LOG.warn("{} tunnel peer={} refused: TLS handshake failed: {}", logContext, ctx.channel().remoteAddress(),
                    handshake.cause().toString());
            ctx.close();
            return;
        }
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        ClusterIdentity peer;
        try {
            peer = admission.admit(ssl.engine().getSession());
        } catch (UntrustedPeerException e) {
            LOG.warn("{} tunnel peer={} refused ({}): {}", logContext, ctx.channel().remoteAddress(), e.reason(),
                    e.getMessage());
            ctx.close();
            return;
        }
        ctx.channel().attr(PEER_IDENTITY).set(peer);
        onAdmitted.accept(ctx.channel(), peer);
        ctx.pipeline().remove(this);
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // the peer is not admitted yet: nothing it sends may reach the HTTP/2 codec
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("{} tunnel peer={} closed before admission: {}", logContext, ctx.channel().remoteAddress(),
                cause.toString());
        ctx.close();
    }
}
