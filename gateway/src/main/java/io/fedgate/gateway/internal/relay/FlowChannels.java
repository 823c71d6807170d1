package io.fedgate.gateway.internal.relay;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;

/** Operations on either kind of flow channel: a TCP socket or an HTTP/2 stream. */
public final class FlowChannels {
    private FlowChannels() {
    }

    /** Ends the output of {@code ch} (TCP FIN, or END_STREAM on a stream) after what was written. */
    public static void shutdownOutput(Channel ch) {
        if (ch instanceof Http2StreamChannel) {
            ch.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.EMPTY_BUFFER, true));
        } else if (ch instanceof DuplexChannel) {
            DuplexChannel duplex = (DuplexChannel) ch;
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
                if (duplex.isInputShutdown()) {
                    duplex.close();
                } else {
                    duplex.shutdownOutput();
                }
            });
        } else {
            closeAfterFlush(ch);
        }
    }

    /** Closes {@code ch} once what was written to it is flushed. */
    public static void closeAfterFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            ch.close();
        }
    }
}
