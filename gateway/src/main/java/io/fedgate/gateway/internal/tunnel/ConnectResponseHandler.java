package io.fedgate.gateway.internal.tunnel;

import io.fedgate.gateway.internal.relay.FlowOpenException;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * Waits for the serving gateway's answer to a CONNECT stream: {@code :status 200} completes {@code opened}
 * with the stream; another status, a reset, a close or no answer within the timeout fail it and close the
 * stream. Frames that arrive after the answer but before the relay is in place are held and passed on when
 * this handler is removed. {@link #abandon} gives up waiting (the tunnel stopped answering): the flow is
 * then tried elsewhere, which is safe because no client byte has been sent on a stream before its answer.
 */
public final class ConnectResponseHandler extends ChannelInboundHandlerAdapter {
    private final Promise<Http2StreamChannel> opened;
    private final Duration timeout;
    private final Object description;
    private final Queue<Object> early = new ArrayDeque<>();
    private ScheduledFuture<?> timer;

    /** The user event of {@link #abandon}. */
    private record Abandon(String why) {
    }

    /** Fails {@code stream}'s wait for its answer with {@code why} (no effect once answered); on its event loop. */
    public static void abandon(Channel stream, String why) {
        stream.pipeline().fireUserEventTriggered(new Abandon(why));
    }

    /**
     * @param description the flow, for failure messages ({@code bank/payments:8443 via=west/west-gw-1}); its
     *                    {@code toString()} is taken only when the open fails
     */
    public ConnectResponseHandler(Promise<Http2StreamChannel> opened, Duration timeout, Object description) {
        this.opened = Objects.requireNonNull(opened, "opened");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.description = description;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timer = ctx.executor().schedule(() -> fail(ctx, "no answer within " + timeout), timeout.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (opened.isDone()) {
            early.add(msg);
            return;
        }
        if (!(msg instanceof Http2HeadersFrame)) {
            ReferenceCountUtil.release(msg);
            fail(ctx, "peer sent " + msg.getClass().getSimpleName() + " before answering the CONNECT");
            return;
        }
        CharSequence status = ((Http2HeadersFrame) msg).headers().status();
        if (status != null && "200".contentEquals(status)) {
            timer.cancel(false);
            opened.trySuccess((Http2StreamChannel) ctx.channel());
            return;
        }
        fail(ctx, FlowOpenException.answered(description + ": peer answered :status " + status));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail(ctx, "stream closed before the answer (tunnel closed or stream reset)");
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof Abandon) {
            fail(ctx, ((Abandon) evt).why());
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, "stream failed: " + cause);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
        Object msg;
        while ((msg = early.poll()) != null) {
            ctx.fireChannelRead(msg);
        }
        ctx.fireChannelReadComplete();
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        fail(ctx, new FlowOpenException(description + ": " + why));
    }

    private void fail(ChannelHandlerContext ctx, FlowOpenException failure) {
        if (opened.tryFailure(failure)) {
            timer.cancel(false);
            ctx.close();
        }
    }
}
