package io.fedgate.interconnect.ovsdb.internal;

import com.fasterxml.jackson.databind.node.TextNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's own keepalive policy. An {@code IdleStateHandler} earlier in the pipeline says when nothing
 * was read for a while; this handler then sends an {@code echo}, and if the next idle period passes with
 * nothing read at all, it closes the connection (the reconnect logic takes it from there). Replies to its
 * own echoes are consumed here.
 */
public final class KeepaliveHandler extends ChannelInboundHandlerAdapter {
    /** Prefix of the ids of this handler's echo requests. */
    static final String ECHO_ID_PREFIX = "fedgate-keepalive-";
    private static final Logger LOG = LoggerFactory.getLogger(KeepaliveHandler.class);

    private final String label;
    private boolean echoOutstanding;
    private long sent;

    /** @param label names the connection in logs */
    public KeepaliveHandler(String label) {
        this.label = label;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        echoOutstanding = false;
        if (msg instanceof JsonRpcMessage.Response r && r.id().isTextual()
                && r.id().asText().startsWith(ECHO_ID_PREFIX)) {
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent e) || e.state() != IdleState.READER_IDLE) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (echoOutstanding) {
            LOG.warn("[{}] no reply to keepalive echo from {}; closing the connection", label, ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        echoOutstanding = true;
        ctx.writeAndFlush(new JsonRpcMessage.Request(TextNode.valueOf(ECHO_ID_PREFIX + (++sent)), "echo",
                OvsdbJson.MAPPER.createArrayNode()));
    }
}
