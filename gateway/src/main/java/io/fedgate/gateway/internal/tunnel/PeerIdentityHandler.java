package io.fedgate.gateway.internal.tunnel;

import io.fedgate.api.pki.ClusterIdentity;
import io.fedgate.api.pki.UntrustedPeerException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks who the peer of a tunnel is once TLS completes, and only then lets the HTTP/2 handlers in: a refused
 * or failed handshake is logged and the connection closed; nothing the peer sent reaches the codec before.
 * Bytes that arrive with the end of the handshake (a TLS 1.3 client sends its HTTP/2 preface right behind
 * its Finished message) are held, at most {@link #DEFAULT_MAX_PENDING_BYTES}, and passed on after admission.
 * On success it records the identity in {@link #PEER_IDENTITY}, calls {@code onAdmitted} (which installs the
 * HTTP/2 handlers after this one) and removes itself.
 */
public final class PeerIdentityHandler extends ChannelInboundHandlerAdapter {
    /** The admitted peer's identity, on the tunnel's channel. */
    public static final AttributeKey<ClusterIdentity> PEER_IDENTITY = AttributeKey.valueOf("fedgate.peerIdentity");
    /** Bytes held from a peer before it is admitted. */
    public static final int DEFAULT_MAX_PENDING_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(PeerIdentityHandler.class);
    private final Queue<ByteBuf> pending = new ArrayDeque<>();
    private int pendingBytes;

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
        LOG.debug("{} tunnel peer={} admitted as {}", logContext, ctx.channel().remoteAddress(), peer);
        ctx.channel().attr(PEER_IDENTITY).set(peer);
        // install the HTTP/2 handlers outside the TLS handler's unwrap, after it finished with this read
        ctx.executor().execute(() -> {
            if (!ctx.channel().isActive()) {
                return;
            }
            onAdmitted.accept(ctx.channel(), peer);
            ctx.pipeline().remove(this);
            ctx.fireUserEventTriggered(evt);
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // the peer is not admitted yet: nothing it sends may reach the HTTP/2 codec before the verdict
        if (!(msg instanceof ByteBuf) || pendingBytes + ((ByteBuf) msg).readableBytes() > DEFAULT_MAX_PENDING_BYTES) {
            ReferenceCountUtil.release(msg);
            LOG.warn("{} tunnel peer={} sent more than {} bytes before admission; closing", logContext,
                    ctx.channel().remoteAddress(), DEFAULT_MAX_PENDING_BYTES);
            ctx.close();
            return;
        }
        pendingBytes += ((ByteBuf) msg).readableBytes();
        pending.add((ByteBuf) msg);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        ByteBuf buf;
        boolean any = false;
        while ((buf = pending.poll()) != null) {
            if (ctx.channel().isActive() && ctx.channel().hasAttr(PEER_IDENTITY)) {
                ctx.fireChannelRead(buf);
                any = true;
            } else {
                buf.release();
            }
        }
        if (any) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ByteBuf buf;
        while ((buf = pending.poll()) != null) {
            buf.release();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("{} tunnel peer={} closed before admission: {}", logContext, ctx.channel().remoteAddress(),
                cause.toString());
        ctx.close();
    }
}
