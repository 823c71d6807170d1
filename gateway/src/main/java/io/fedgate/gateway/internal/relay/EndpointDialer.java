package io.fedgate.gateway.internal.relay;

import io.fedgate.gateway.internal.routing.EndpointTarget;
import io.fedgate.gateway.internal.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Connects to a backend endpoint for one flow, on the event loop of the flow's other side so the relay needs
 * no thread hop. The connection starts with reading paused (the relay resumes it) and half-close allowed;
 * Nagle is off as Netty sets {@code TCP_NODELAY} on every socket it opens (setting it again costs a syscall
 * per flow).
 */
public final class EndpointDialer {
    /** For IPv4 endpoints (nearly all pod IPs): sockets of their own family. */
    private final Bootstrap ipv4;
    /** For the others: Netty's default dual-stack sockets. */
    private final Bootstrap dualStack;

    public EndpointDialer(Transport transport, Duration connectTimeout) {
        ChannelFactory<SocketChannel> ipv4Sockets = () -> transport.newSocket(SocketProtocolFamily.INET);
        this.ipv4 = template(connectTimeout).channelFactory(ipv4Sockets);
        this.dualStack = template(connectTimeout).channel(transport.socketClass());
    }

    private static Bootstrap template(Duration connectTimeout) {
        return new Bootstrap()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .handler(NoHandler.INSTANCE);
    }

    /** Connects to {@code target}; fails with a {@link FlowOpenException} naming the endpoint and cause. */
    public Future<Channel> dial(EndpointTarget target, EventLoop loop) {
        Promise<Channel> connected = loop.newPromise();
        InetSocketAddress address = address(target);
        Bootstrap template = address.getAddress() instanceof Inet4Address ? ipv4 : dualStack;
        ChannelFuture connect = template.clone(loop).connect(address);
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

    /** The endpoint's address, parsed here: an IP literal needs no trip through the name resolver. */
    private static InetSocketAddress address(EndpointTarget target) {
        InetAddress ip = NetUtil.createInetAddressFromIpAddressString(target.host());
        return ip != null ? new InetSocketAddress(ip, target.port())
                : InetSocketAddress.createUnresolved(target.host(), target.port());
    }

    /** The pipeline of a fresh backend connection: empty until the relay joins it. */
    @ChannelHandler.Sharable
    private static final class NoHandler extends ChannelInboundHandlerAdapter {
        static final NoHandler INSTANCE = new NoHandler();
    }
}
