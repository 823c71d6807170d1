package io.fedgate.gateway.internal.relay;

import io.fedgate.gateway.internal.routing.EndpointTarget;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Duration;

/**
 * Connects to a backend endpoint for one flow, on the event loop of the flow's other side so the relay needs
 * no thread hop. The connection starts with reading paused (the relay resumes it) and half-close allowed.
 */
public final class EndpointDialer {
    private final Class<? extends SocketChannel> socketClass;
    private final Duration connectTimeout;

    public EndpointDialer(Class<? extends SocketChannel> socketClass, Duration connectTimeout) {
        this.socketClass = socketClass;
        this.connectTimeout = connectTimeout;
    }

    /** Connects to {@code target}; fails with a {@link FlowOpenException} naming the endpoint and cause. */
    public Future<Channel> dial(EndpointTarget target, EventLoop loop) {
        Promise<Channel> connected = loop.newPromise();
        ChannelFuture connect = new Bootstrap().group(loop).channel(socketClass)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInboundHandlerAdapter())
                .connect(target.host(), target.port());
        connect.addListener(f -> {
            if (f.isSuccess()) {
                connected.trySuccess(connect.channel());
            } else {
                connected.tryFailure(new FlowOpenException("endpoint " + target.host() + ":" + target.port()
                        + " of " + target.clusterId() + ": " + f.cause().getMessage(), f.cause()));
            }
        });
        return connected;
    }
}
