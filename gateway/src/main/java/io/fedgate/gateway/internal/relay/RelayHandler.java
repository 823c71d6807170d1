package io.fedgate.gateway.internal.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One direction of a flow: what this channel reads is written to {@code peer}. When the peer cannot take more
 * writes, reading pauses until the write that crossed the peer's high-water mark has been written out (so at
 * most one write-buffer's worth is ever queued per direction), or until the peer reports itself writable.
 * The end of input here ends the peer's output; a close here closes the peer once flushed.
 */
public final class RelayHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RelayHandler.class);
    private final Channel peer;
    private final String logContext;

    /** @param logContext correlation for the log line of a failing flow */
    public RelayHandler(Channel peer, String logContext) {
        this.peer = Objects.requireNonNull(peer, "peer");
        this.logContext = logContext;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (peer.isWritable()) {
            peer.write(msg, peer.voidPromise());
            return;
        }
        Channel self = ctx.channel();
        self.config().setAutoRead(false);
        ChannelFuture written = peer.writeAndFlush(msg);
        written.addListener(f -> {
            if (f.isSuccess()) {
                self.config().setAutoRead(true);
            } else {
                self.close();
            }
        });
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        peer.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        // this channel drained its writes: the peer may read again
        if (ctx.channel().isWritable()) {
            peer.config().setAutoRead(true);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            FlowChannels.shutdownOutput(peer);
            Channel self = ctx.channel();
            if (self instanceof DuplexChannel && ((DuplexChannel) self).isOutputShutdown()) {
                self.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        FlowChannels.closeAfterFlush(peer);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{} flow {} failed: {}", logContext, ctx.channel(), cause.toString());
        ctx.close();
    }
}
