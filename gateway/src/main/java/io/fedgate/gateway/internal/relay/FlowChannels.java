package io.fedgate.gateway.internal.relay;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AttributeKey;

/** Operations on either kind of flow channel: a TCP socket or an HTTP/2 stream. */
public final class FlowChannels {
    /** The write of a stream's END_STREAM: it completes once everything written before it left. */
    private static final AttributeKey<ChannelFuture> STREAM_END = AttributeKey.valueOf("fedgate.streamEnd");

    private FlowChannels() {
    }

    /** Ends the output of {@code ch} (TCP FIN, or END_STREAM on a stream) after what was written. */
    public static void shutdownOutput(Channel ch) {
        if (ch instanceof Http2StreamChannel) {
            endStream(ch);
        } else if (ch instanceof DuplexChannel) {
            DuplexChannel duplex = (DuplexChannel) ch;
            // in a task of its own: for a half-close, and for the close of a socket whose input ended, Netty
            // builds an exception with the stack trace of its caller; called from the tunnel read that ended
            // the stream that is some 60 frames to walk on every flow, from a fresh task a handful
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> duplex.eventLoop().execute(() -> endOutput(duplex)));
        } else {
            closeAfterFlush(ch);
        }
    }

    private static void endOutput(DuplexChannel socket) {
        if (socket.isInputShutdown()) {
            socket.close();
            return;
        }
        socket.shutdownOutput();
        // both directions are then done at the input's end: closing there at once spares the read shutdown of a
        // socket the peer has already closed (an error, and a syscall, per flow)
        socket.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, false);
    }

    /**
     * Closes {@code ch} once what was written to it is flushed. On a stream that means once its END_STREAM left:
     * the data before it may still wait for the peer's flow-control window, and a close (RST_STREAM) before
     * that would drop it. A stream ends with END_STREAM rather than an empty DATA frame: the peer counts
     * consecutive empty DATA frames (Netty allows two) and treats more as an attack.
     */
    public static void closeAfterFlush(Channel ch) {
        if (ch instanceof Http2StreamChannel && ch.isActive()) {
            endStream(ch).addListener(ChannelFutureListener.CLOSE);
        } else if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            ch.close();
        }
    }

    /** Writes END_STREAM on {@code stream} once; returns that write. */
    private static ChannelFuture endStream(Channel stream) {
        ChannelFuture end = stream.attr(STREAM_END).get();
        if (end != null) {
            return end;
        }
        ChannelFuture written = stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.EMPTY_BUFFER, true));
        end = stream.attr(STREAM_END).setIfAbsent(written);
        return end != null ? end : written;
    }
}
