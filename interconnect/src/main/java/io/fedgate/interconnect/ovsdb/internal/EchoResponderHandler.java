package io.fedgate.interconnect.ovsdb.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Answers the server's {@code echo} requests (its inactivity probe) with the same params, as RFC 7047
 * asks; a server whose probe goes unanswered drops the connection. Everything else passes on.
 */
public final class EchoResponderHandler extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof JsonRpcMessage.Request r && r.method().equals("echo")) {
            ctx.writeAndFlush(new JsonRpcMessage.Response(r.id(), r.params(), null));
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
