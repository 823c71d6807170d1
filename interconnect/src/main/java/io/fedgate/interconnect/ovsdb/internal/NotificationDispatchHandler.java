package io.fedgate.interconnect.ovsdb.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands server notifications ({@code update2}, {@code locked}, ...) to the client's consumer, on the I/O
 * thread, in the order they arrived. Requests other than {@code echo} are not part of OVSDB's server
 * repertoire and are logged and dropped.
 */
public final class NotificationDispatchHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatchHandler.class);

    private final String label;
    private final Consumer<JsonRpcMessage.Notification> consumer;

    public NotificationDispatchHandler(String label, Consumer<JsonRpcMessage.Notification> consumer) {
        this.label = label;
        this.consumer = consumer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof JsonRpcMessage.Notification n) {
            consumer.accept(n);
        } else if (msg instanceof JsonRpcMessage.Request r) {
            LOG.warn("[{}] dropped unexpected request \"{}\" from the server", label, r.method());
        } else {
            ctx.fireChannelRead(msg);
        }
    }
}
