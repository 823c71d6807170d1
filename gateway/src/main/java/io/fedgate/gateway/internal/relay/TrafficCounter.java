package io.fedgate.gateway.internal.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.Objects;
import java.util.function.LongConsumer;

/** Counts the payload bytes a flow channel reads ({@code rx}) and writes ({@code tx}). */
public final class TrafficCounter extends ChannelDuplexHandler {
    private final LongConsumer rx;
    private final LongConsumer tx;

    public TrafficCounter(LongConsumer rx, LongConsumer tx) {
        this.rx = Objects.requireNonNull(rx, "rx");
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf) {
            rx.accept(((ByteBuf) msg).readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf) {
            tx.accept(((ByteBuf) msg).readableBytes());
        }
        ctx.write(msg, promise);
    }
}
