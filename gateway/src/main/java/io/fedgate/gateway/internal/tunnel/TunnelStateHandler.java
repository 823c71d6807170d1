package io.fedgate.gateway.internal.tunnel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.Objects;

/** Reports the connection-level frames that change a tunnel's state (first SETTINGS, GOAWAY) to a listener. */
public final class TunnelStateHandler extends ChannelInboundHandlerAdapter {
    private final TunnelStateListener listener;
    private boolean settingsSeen;

    public TunnelStateHandler(TunnelStateListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2SettingsFrame) {
            if (!settingsSeen) {
                settingsSeen = true;
                listener.settingsReceived();
            }
            return;
        }
        if (msg instanceof Http2GoAwayFrame) {
            listener.goAwayReceived(((Http2GoAwayFrame) msg).errorCode());
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
