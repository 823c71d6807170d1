package io.fedgate.gateway.internal.tunnel;

import io.fedgate.gateway.internal.balancing.Ticker;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2RemoteFlowController;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2LocalFlowController;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.WeightedFairQueueByteDistributor;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Assembly of the HTTP/2 part of a tunnel pipeline, shared by both ends. */
final class Http2Connections {
    /**
     * RST_STREAM frames a peer may send per second before it is treated as abusive, and that this end may send
     * per second before it gives up on the peer. Netty's default for sent resets (200 per 30 s) is far too low
     * for a tunnel: each DATA frame still in flight when a flow is reset is answered with a reset once Netty
     * forgot the stream, so a few closed bulk flows used to end the whole tunnel with ENHANCE_YOUR_CALM.
     */
    static final int DEFAULT_MAX_RST_FRAMES_PER_SECOND = 10_000;
    /**
     * Write buffer bounds of a tunnel connection (and of the streams dialled on it): high enough that one flush
     * round of the flow controller fills TLS records and the socket, low enough to bound memory per tunnel.
     */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);
    /**
     * Flushes of a tunnel held back and sent as one before one is let through at once. Each flush is a TLS
     * record and a socket write; the streams of many flows each flush their small frames (a CONNECT, its
     * answer, one byte of data, an END_STREAM), so the tunnel sends them together from a task at the end of the
     * event loop's current round instead. That includes the flushes the codec makes when a read completes (PING
     * and SETTINGS acks, window updates): it sits above this handler and flushes after this handler has seen the
     * read complete, so they too wait for that task, one loop round, which a measured RTT includes. This bound
     * keeps a busy loop from holding bytes back for long.
     */
    static final int DEFAULT_MAX_CONSOLIDATED_FLUSHES = 64;
    private static final long IDLE_CHECK_MILLIS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(Http2Connections.class);

    private Http2Connections() {
    }

    /**
     * Adds flush consolidation ({@link #DEFAULT_MAX_CONSOLIDATED_FLUSHES}) and the frame codec with
     * {@link TunnelLimits#localSettings()}, and opens the connection window.
     */
    static Http2FrameCodec addCodec(ChannelPipeline p, boolean server) {
        Http2FrameCodec codec = new TunnelCodecBuilder(server).initialSettings(TunnelLimits.localSettings(server))
                .validateHeaders(true)
                .headerSensitivityDetector(Http2Connections::neverIndexed)
                .gracefulShutdownTimeoutMillis(0)
                .decoderEnforceMaxRstFramesPerWindow(DEFAULT_MAX_RST_FRAMES_PER_SECOND, 1)
                .encoderEnforceMaxRstFramesPerWindow(DEFAULT_MAX_RST_FRAMES_PER_SECOND, 1)
                .build();
        p.addLast(new FlushConsolidationHandler(DEFAULT_MAX_CONSOLIDATED_FLUSHES, true));
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

    /**
     * Header fields HPACK sends as literals the peer does not index: the client address is new on every flow, so
     * indexing it would only push useful entries out of the table and make each lookup walk every stored
     * client address (they share one name, and the table is hashed by name).
     */
    private static boolean neverIndexed(CharSequence name, CharSequence value) {
        return TunnelHeaders.CLIENT_ADDRESS_NAME.contentEqualsIgnoreCase(name);
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

    /**
     * The frame codec builder with a tunnel's outbound scheduling: Netty's default weighted fair queue hands the
     * connection window to the streams with data in 1 KiB slices, so concurrent bulk flows went out as 1 KiB
     * DATA frames (one read, write and flush per KiB at the other end). Slices of a whole frame keep frames full
     * while still taking turns between flows.
     */
    private static final class TunnelCodecBuilder extends Http2FrameCodecBuilder {
        TunnelCodecBuilder(boolean server) {
            Http2Connection connection = new DefaultHttp2Connection(server);
            WeightedFairQueueByteDistributor distributor = new WeightedFairQueueByteDistributor(connection);
            distributor.allocationQuantum(TunnelLimits.DEFAULT_MAX_FRAME_BYTES);
            connection.remote().flowController(new DefaultHttp2RemoteFlowController(connection, distributor));
            connection(connection);
        }
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
