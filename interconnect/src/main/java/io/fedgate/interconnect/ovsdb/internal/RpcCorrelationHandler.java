package io.fedgate.interconnect.ovsdb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import io.fedgate.interconnect.ovsdb.OvsdbConnectionException;
import io.fedgate.interconnect.ovsdb.OvsdbServerException;
import io.fedgate.interconnect.ovsdb.OvsdbTimeoutException;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches replies to requests. An {@link OutboundCall} written into the pipeline gets the next numeric id
 * and a deadline; the reply with that id completes it. Notifications (which the server may send before the
 * reply to the transaction that caused them) pass on untouched. A lost connection fails every call still
 * waiting; a full table of pending calls refuses new ones ({@code maxPending}).
 */
public final class RpcCorrelationHandler extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RpcCorrelationHandler.class);

    private final String label;
    private final int maxPending;
    private final Map<Long, Pending> pending = new HashMap<>();
    private long nextId;
    private Throwable failure;

    private record Pending(OutboundCall call, ScheduledFuture<?> timeout) {
    }

    /**
     * @param label      names the connection in errors
     * @param maxPending bound on calls waiting for a reply
     */
    public RpcCorrelationHandler(String label, int maxPending) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending (" + maxPending + ") must be >= 1");
        }
        this.label = label;
        this.maxPending = maxPending;
    }

    /** Calls waiting for their reply. */
    public int pendingCount() {
        return pending.size();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof OutboundCall call)) {
            ctx.write(msg, promise);
            return;
        }
        if (pending.size() >= maxPending) {
            call.reply().completeExceptionally(new OvsdbConnectionException(label + ": " + maxPending
                    + " requests already wait for a reply; refusing " + call.method()));
            promise.setSuccess();
            return;
        }
        long id = nextId++;
        ScheduledFuture<?> timer = ctx.executor().schedule(() -> {
            Pending p = pending.remove(id);
            if (p != null) {
                p.call().reply().completeExceptionally(new OvsdbTimeoutException(label + ": no reply to "
                        + call.method() + " from " + ctx.channel().remoteAddress() + " within "
                        + call.timeout().toMillis() + " ms"));
            }
        }, call.timeout().toNanos(), TimeUnit.NANOSECONDS);
        pending.put(id, new Pending(call, timer));
        ctx.write(new JsonRpcMessage.Request(LongNode.valueOf(id), call.method(), call.params()), promise)
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        Pending p = pending.remove(id);
                        if (p != null) {
                            p.timeout().cancel(false);
                            p.call().reply().completeExceptionally(new OvsdbConnectionException(label
                                    + ": could not send " + call.method() + ": " + f.cause(), f.cause()));
                        }
                    }
                });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof JsonRpcMessage.Response r)) {
            ctx.fireChannelRead(msg);
            return;
        }
        JsonNode id = r.id();
        Pending p = id.canConvertToLong() && id.isIntegralNumber() ? pending.remove(id.asLong()) : null;
        if (p == null) {
            LOG.debug("[{}] reply with unknown id {} dropped (its request timed out?)", label, id);
            return;
        }
        p.timeout().cancel(false);
        if (r.isError()) {
            JsonNode e = r.error();
            String error = e.isObject() ? e.path("error").asText(e.toString()) : e.asText(e.toString());
            String details = e.isObject() ? e.path("details").asText("") : "";
            p.call().reply().completeExceptionally(new OvsdbServerException(label + ": " + p.call().method()
                    + " failed: " + error + (details.isEmpty() ? "" : " (" + details + ")"), error, details, -1));
        } else {
            p.call().reply().complete(r.result() == null ? com.fasterxml.jackson.databind.node.NullNode.instance
                    : r.result());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // remembered so that calls failed by the close that follows say why the connection ended
        Throwable root = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
                ? cause.getCause() : cause;
        if (failure == null) {
            failure = root;
        }
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        failAll("connection to " + ctx.channel().remoteAddress() + " closed");
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        failAll("connection handler removed");
    }

    private void failAll(String why) {
        Iterator<Map.Entry<Long, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Pending p = it.next().getValue();
            it.remove();
            p.timeout().cancel(false);
            if (failure instanceof io.fedgate.interconnect.ovsdb.OvsdbException known) {
                p.call().reply().completeExceptionally(known);
            } else {
                p.call().reply().completeExceptionally(new OvsdbConnectionException(label + ": " + why
                        + (failure == null ? "" : " (" + failure + ")") + " while waiting for the reply to "
                        + p.call().method(), failure));
            }
        }
    }
}
