package io.fedgate.gateway.internal.tunnel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keepalive policy: a tunnel whose peer stopped answering PINGs is dead; close it (and say so). */
public final class TunnelTimeoutHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelTimeoutHandler.class);
    private final String logContext;

    /** @param logContext correlation for the log line, e.g. {@code cluster=east peer=west-gw-1} */
    public TunnelTimeoutHandler(String logContext) {
        this.logContext = logContext;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof PingTimeoutEvent) {
            LOG.warn("{} tunnel dead: no PING answer for {}; closing", logContext,
                    Duration.ofNanos(((PingTimeoutEvent) evt).silentNanos()));
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }
}
