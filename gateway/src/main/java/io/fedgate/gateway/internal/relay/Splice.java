package io.fedgate.gateway.internal.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http2.Http2StreamChannel;

/**
 * Joins the two channels of an opened flow: each gets a {@link RelayHandler} towards the other (a tunnel
 * stream first gets a {@link DataFrameCodec} and, when given, a traffic counter). Call on the tunnel stream's
 * event loop, remove the handler that held early frames, then {@link #start} both sides.
 */
public final class Splice {
    private Splice() {
    }

    /**
     * Relays between {@code a} and {@code b}.
     *
     * @param streamCounter counts the bytes of whichever side is a tunnel stream; null for none
     * @param logContext    correlation for the flow's log lines
     */
    public static void join(Channel a, Channel b, ChannelHandler streamCounter, String logContext) {
        prepare(a, b, streamCounter, logContext);
        prepare(b, a, streamCounter, logContext);
    }

    /** Lets both sides of a joined flow read. */
    public static void start(Channel a, Channel b) {
        a.config().setAutoRead(true);
        b.config().setAutoRead(true);
    }

    private static void prepare(Channel ch, Channel peer, ChannelHandler streamCounter, String logContext) {
        if (ch instanceof Http2StreamChannel) {
            ch.pipeline().addLast(new DataFrameCodec());
            if (streamCounter != null) {
                ch.pipeline().addLast(streamCounter);
            }
        } else {
            ch.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        }
        ch.pipeline().addLast(new RelayHandler(peer, logContext));
    }
}
