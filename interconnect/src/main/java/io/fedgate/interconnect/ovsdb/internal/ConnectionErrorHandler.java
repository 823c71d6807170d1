package io.fedgate.interconnect.ovsdb.internal;

import io.fedgate.interconnect.ovsdb.OvsdbProtocolException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last in the pipeline: an exception from any handler (bad framing, bad JSON, TLS failure) ends the
 * connection. The cause is reported once to the client, which fails the waiting calls with it and
 * reconnects.
 */
public final class ConnectionErrorHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionErrorHandler.class);

    private final String label;
    private final Consumer<Throwable> onError;

    public ConnectionErrorHandler(String label, Consumer<Throwable> onError) {
        this.label = label;
        this.onError = onError;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof OvsdbProtocolException) {
            LOG.warn("[{}] protocol error from {}: {}; closing the connection", label, ctx.channel().remoteAddress(),
                    root.getMessage());
        } else {
            LOG.warn("[{}] connection to {} failed: {}", label, ctx.channel().remoteAddress(), root.toString());
        }
        onError.accept(root);
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        LOG.debug("[{}] unhandled message dropped: {}", label, msg);
    }
}
