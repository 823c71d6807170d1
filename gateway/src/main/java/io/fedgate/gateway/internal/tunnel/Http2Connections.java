package io.fedgate.gateway.internal.tunnel;

import io.fedgate.gateway.internal.balancing.Ticker;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2LocalFlowController;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Assembly of the HTTP/2 part of a tunnel pipeline, shared by both ends. */
final class Http2Connections {
    /** RST_STREAM frames a peer may send per second before it is treated as abusive. */
    static final int DEFAULT_MAX_RST_FRAMES_PER_SECOND = 10_000;
    private static final long IDLE_CHECK_MILLIS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(Http2Connections.class);

    private Http2Connections() {
    }

    /** Adds the frame codec with {@link TunnelLimits#localSettings()} and opens the connection window. */
    static Http2FrameCodec addCodec(ChannelPipeline p, boolean server) {
        Http2FrameCodecBuilder builder = server ? Http2FrameCodecBuilder.forServer() : Http2FrameCodecBuilder.forClient();
        Http2FrameCodec codec = builder.initialSettings(TunnelLimits.localSettings(server))
                .validateHeaders(true)
                .gracefulShutdownTimeoutMillis(0)
                .decoderEnforceMaxRstFramesPerWindow(DEFAULT_MAX_RST_FRAMES_PER_SECOND, 1)
                .build();
        p.addLast(codec);
        Http2Stream connection = codec.connection().connectionStream();
        Http2LocalFlowController flow = codec.connection().local().flowController();
        int grow = TunnelLimits.DEFAULT_MAX_CONNECTION_WINDOW_BYTES - flow.windowSize(connection);
        if (grow > 0) {
            try {
                flow.incrementWindowSize(connection, grow);
            } catch (Http2Exception e) {
                throw new IllegalStateException("cannot open the connection window of a new tunnel", e);
            }
        }
        p.channel().flush();
        return codec;
    }

    /** Adds the stream multiplexer (child streams get {@code streamHandler}) and the error handler last. */
    static void addMultiplexer(ChannelPipeline p, ChannelHandler streamHandler, String logContext) {
        p.addLast(new Http2MultiplexHandler(streamHandler));
        p.addLast(new TunnelErrorHandler(logContext));
    }

    /** A stream handler that refuses streams the peer opens (only the dialling side opens streams). */
    static ChannelHandler refuseStreams(String logContext) {
        return new RefuseStreams(logContext);
    }

    /** Flows open on the tunnel connection {@code ch}. */
    static int activeStreams(Channel ch) {
        Http2FrameCodec codec = ch.pipeline().get(Http2FrameCodec.class);
        return codec == null ? 0 : codec.connection().numActiveStreams();
    }

    /** Closes {@code ch} once no stream is open on it, or at {@code deadlineNanos} of {@code ticker}. */
    static void closeWhenIdle(Channel ch, long deadlineNanos, Ticker ticker) {
        if (!ch.isActive()) {
            return;
        }
        if (activeStreams(ch) == 0 || ticker.nanos() - deadlineNanos >= 0) {
            ch.close();
            return;
        }
        ch.eventLoop().schedule(() -> closeWhenIdle(ch, deadlineNanos, ticker), IDLE_CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @ChannelHandler.Sharable
    private static final class RefuseStreams extends ChannelInboundHandlerAdapter {
        private final String logContext;

        RefuseStreams(String logContext) {
            this.logContext = logContext;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            LOG.warn("{} peer opened a stream towards the dialling side; refused", logContext);
            ctx.close();
        }
    }
}
