package io.fedgate.gateway.internal.relay;

import io.netty.channel.Channel;
import java.util.function.LongConsumer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http2.Http2StreamChannel;

/**
 * Joins the two channels of an opened flow: each gets a {@link RelayHandler} towards the other (a tunnel
 * stream first gets the {@link DataFrameCodec}); the relays count a stream's bytes when given a
 * {@link StreamTraffic}. Call on the tunnel stream's event loop, remove the handler that held early frames,
 * then {@link #start} both sides.
 */
public final class Splice {
    private Splice() {
    }

    /**
     * Relays between {@code a} and {@code b}.
     *
     * @param streamTraffic counts the bytes of whichever side is a tunnel stream; null for none
     * @param logContext    correlation for the flow's log lines
     */
    public static void join(Channel a, Channel b, StreamTraffic streamTraffic, LogContext logContext) {
        prepare(a, b, streamTraffic, logContext);
        prepare(b, a, streamTraffic, logContext);
    }

    /** Lets both sides of a joined flow read. */
    public static void start(Channel a, Channel b) {
        a.config().setAutoRead(true);
        b.config().setAutoRead(true);
    }

    private static void prepare(Channel ch, Channel peer, StreamTraffic streamTraffic, LogContext logContext) {
        LongConsumer relayed = null;
        if (ch instanceof Http2StreamChannel) {
            ch.pipeline().addLast(DataFrameCodec.INSTANCE);
            relayed = streamTraffic != null ? streamTraffic.rx() : null;
        } else {
            ch.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
            relayed = streamTraffic != null && peer instanceof Http2StreamChannel ? streamTraffic.tx() : null;
        }
        ch.pipeline().addLast(new RelayHandler(peer, relayed, logContext));
    }
}
