package io.fedgate.gateway.internal.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;

/**
 * Turns a tunnel stream into a byte channel: inbound DATA frames become their payload (END_STREAM becomes a
 * {@link ChannelInputShutdownEvent}, as a TCP FIN would), outbound bytes become DATA frames. Frames written
 * as frames pass unchanged.
 */
@ChannelHandler.Sharable
public final class DataFrameCodec extends ChannelDuplexHandler {
    /** The codec holds no state: one instance serves every stream. */
    public static final DataFrameCodec INSTANCE = new DataFrameCodec();

    private DataFrameCodec() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2DataFrame) {
            Http2DataFrame frame = (Http2DataFrame) msg;
            boolean end = frame.isEndStream();
            if (frame.content().isReadable()) {
                ctx.fireChannelRead(frame.content().retain());
            }
            frame.release();
            if (end) {
                ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            }
            return;
        }
        if (msg instanceof Http2HeadersFrame && ((Http2HeadersFrame) msg).isEndStream()) {
            // trailers end the flow like a last DATA frame would
            ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf) {
            ctx.write(new DefaultHttp2DataFrame((ByteBuf) msg), promise);
            return;
        }
        ctx.write(msg, promise);
    }
}
