package io.fedgate.gateway.internal.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One direction of a flow: what this channel reads is written to {@code peer}. Backpressure counts the bytes
 * handed to the peer whose writes have not completed yet (written to the socket, or to the tunnel within its
 * HTTP/2 flow-control window): above {@link #DEFAULT_MAX_PENDING_BYTES} this channel stops reading, and it
 * reads again once they drop below a quarter of that. The end of input here ends the peer's output; a close
 * here closes the peer once flushed. The bytes relayed may be counted (a tunnel stream's traffic).
 */
public final class RelayHandler extends ChannelInboundHandlerAdapter {
    /** Bytes of one flow direction in flight towards the peer before reading pauses. */
    public static final int DEFAULT_MAX_PENDING_BYTES = 1024 * 1024;
    private static final int RESUME_BELOW_BYTES = DEFAULT_MAX_PENDING_BYTES / 4;
    private static final Logger LOG = LoggerFactory.getLogger(RelayHandler.class);
    private final Channel peer;
    private final LongConsumer relayed;
    private final LogContext logContext;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicBoolean paused = new AtomicBoolean();
    private volatile boolean inputEnded;

    /**
     * @param relayed    counts the bytes relayed to {@code peer}; null for none
     * @param logContext correlation for the log line of a failing flow
     */
    public RelayHandler(Channel peer, LongConsumer relayed, LogContext logContext) {
        this.peer = Objects.requireNonNull(peer, "peer");
        this.relayed = relayed;
        this.logContext = logContext;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel self = ctx.channel();
        long size = msg instanceof ByteBuf ? ((ByteBuf) msg).readableBytes() : 0;
        if (relayed != null && size > 0) {
            relayed.accept(size);
        }
        pending.addAndGet(size);
        peer.write(msg).addListener(f -> {
            long left = pending.addAndGet(-size);
            if (!f.isSuccess()) {
                self.close();
            } else if (left < RESUME_BELOW_BYTES && paused.compareAndSet(true, false)) {
                resume(self);
            }
        });
        if (pending.get() > DEFAULT_MAX_PENDING_BYTES && paused.compareAndSet(false, true)) {
            self.config().setAutoRead(false);
            peer.flush();
            // the writes may have completed between the check and the pause
            if (pending.get() < RESUME_BELOW_BYTES && paused.compareAndSet(true, false)) {
                resume(self);
            }
        }
    }

    /**
     * Reads again, unless there is nothing left to read: after its input ended, epoll has dropped a socket's
     * read interest, and turning reading back on fails and closes the socket with the peer's data unsent.
     */
    private void resume(Channel self) {
        if (!inputEnded && self.isActive()) {
            self.config().setAutoRead(true);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        peer.flush();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputEnded = true;
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
