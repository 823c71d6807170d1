package io.fedgate.gateway.internal.tunnel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keepalive policy. A peer that stopped answering PINGs ({@link PingTimeoutEvent}) is <em>unresponsive</em>: the
 * listener takes the tunnel out of rotation at once, so new flows go elsewhere within the PING timeout. The
 * connection itself is closed only when the peer stays silent until {@code closeAfter}: a peer that is slow
 * rather than dead (a GC pause, a starved CPU) keeps the flows it carries and, once heard from again ({@link
 * PingAnsweredEvent}), takes new ones. Closing at the first missed PING turned every pause of a live peer into
 * failed flows, and moved all its load onto the other replicas at once.
 */
public final class TunnelTimeoutHandler extends ChannelInboundHandlerAdapter {
    /** The connection of a silent peer is closed after this many PING timeouts of silence. */
    public static final int DEFAULT_CLOSE_AFTER_TIMEOUTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(TunnelTimeoutHandler.class);
    private final String logContext;
    private final long closeAfterNanos;
    private final TunnelLivenessListener listener;
    private ScheduledFuture<?> close;

    /**
     * @param logContext correlation for the log lines, e.g. {@code cluster=east peer=west-gw-1}
     * @param closeAfter silence after which the connection is closed (and, on the dialling side, redialled)
     */
    public TunnelTimeoutHandler(String logContext, Duration closeAfter, TunnelLivenessListener listener) {
        if (closeAfter.isNegative() || closeAfter.isZero()) {
            throw new IllegalArgumentException("closeAfter (" + closeAfter + ") must be positive");
        }
        this.logContext = logContext;
        this.closeAfterNanos = closeAfter.toNanos();
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof PingTimeoutEvent) {
            long silent = ((PingTimeoutEvent) evt).silentNanos();
            LOG.warn("{} tunnel unresponsive: no PING answer for {}; no new flows on it, closing it if still silent "
                    + "after {}", logContext, Duration.ofNanos(silent), Duration.ofNanos(closeAfterNanos));
            listener.unresponsive();
            if (close == null) {
                close = ctx.executor().schedule(() -> {
                    LOG.warn("{} tunnel dead: no PING answer for {}; closing", logContext,
                            Duration.ofNanos(closeAfterNanos));
                    ctx.close();
                }, Math.max(0, closeAfterNanos - silent), TimeUnit.NANOSECONDS);
            }
            return;
        }
        if (evt instanceof PingAnsweredEvent) {
            cancelClose();
            LOG.info("{} tunnel responsive again after {} of silence", logContext,
                    Duration.ofNanos(((PingAnsweredEvent) evt).silentNanos()));
            listener.responsive();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelClose();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelClose();
    }

    private void cancelClose() {
        if (close != null) {
            close.cancel(false);
            close = null;
        }
    }
}
