package io.fedgate.gateway.internal.tunnel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler of a tunnel connection: logs protocol errors (a malformed preface or frame, which the HTTP/2
 * codec answers with GOAWAY and a close) and drops frames nobody handles.
 */
public final class TunnelErrorHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelErrorHandler.class);
    private final String logContext;

    public TunnelErrorHandler(String logContext) {
        this.logContext = logContext;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("{} tunnel peer={} protocol error, closing: {}", logContext, ctx.channel().remoteAddress(),
                cause.toString());
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }
}
