package io.fedgate.gateway.internal.tunnel;

import io.fedgate.gateway.internal.balancing.Ticker;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.codec.http2.Http2PingFrame;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Keepalive detection only: sends an HTTP/2 PING carrying the send time every {@code interval}, reports each
 * answer's round trip to {@code rttListener}, fires one {@link PingTimeoutEvent} when nothing at all came
 * from the peer for {@code timeout} (any frame proves it alive: under bulk load a PING answer may queue behind
 * data), and one {@link PingAnsweredEvent} when the peer is heard from again after that. PINGs go on while the
 * peer is silent, so that it can answer. What to do is another handler's decision ({@link TunnelTimeoutHandler}).
 *
 * <p>Silence only counts while this end was listening: a tick that runs late (this event loop or process was
 * starved of CPU, so what the peer sent may still sit unread in the socket) gives no verdict; the next tick,
 * after the loop has read again, does. Without that, an overloaded gateway declared healthy peers dead.
 */
public final class PingHandler extends ChannelInboundHandlerAdapter {
    private final long intervalNanos;
    private final long timeoutNanos;
    private final Ticker ticker;
    private final LongConsumer rttListener;
    private long lastAnswer;
    private long lastTick;
    private boolean timedOut;
    private ScheduledFuture<?> task;

    public PingHandler(Duration interval, Duration timeout, Ticker ticker, LongConsumer rttListener) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("ping interval (" + interval + ") must be positive");
        }
        if (timeout.compareTo(interval) < 0) {
            throw new IllegalArgumentException("ping timeout (" + timeout + ") must be >= interval (" + interval + ")");
        }
        this.intervalNanos = interval.toNanos();
        this.timeoutNanos = timeout.toNanos();
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.rttListener = Objects.requireNonNull(rttListener, "rttListener");
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        lastAnswer = ticker.nanos();
        lastTick = lastAnswer;
        task = ctx.executor().scheduleWithFixedDelay(() -> tick(ctx), 0, intervalNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        task.cancel(false);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        task.cancel(false);
        super.channelInactive(ctx);
    }

    private void tick(ChannelHandlerContext ctx) {
        long now = ticker.nanos();
        boolean late = now - lastTick > 2 * intervalNanos;
        lastTick = now;
        if (!late && !timedOut && now - lastAnswer > timeoutNanos) {
            timedOut = true;
            ctx.fireUserEventTriggered(new PingTimeoutEvent(now - lastAnswer));
        }
        ctx.writeAndFlush(new DefaultHttp2PingFrame(now));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long now = ticker.nanos();
        if (timedOut) {
            timedOut = false;
            ctx.fireUserEventTriggered(new PingAnsweredEvent(now - lastAnswer));
        }
        lastAnswer = now;
        if (msg instanceof Http2PingFrame && ((Http2PingFrame) msg).ack()) {
            rttListener.accept(now - ((Http2PingFrame) msg).content());
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
