package io.fedgate.gateway.internal.tunnel;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;

/** Answers of the serving gateway to a CONNECT stream. */
final class StreamResponses {
    private StreamResponses() {
    }

    /** Answers {@code status} and ends the stream. */
    static void refuse(ChannelHandlerContext ctx, int status) {
        ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status(Integer.toString(status)), true))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** Answers 200: the flow is open. */
    static void accept(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200"), false));
    }
}
