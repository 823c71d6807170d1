package io.fedgate.gateway.internal.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.channels.spi.SelectorProvider;

/**
 * The event loop group and channel classes of one gateway: epoll when available, else NIO.
 *
 * @param group        every channel of the gateway runs on it
 * @param serverClass  class of listening channels
 * @param socketClass  class of outgoing TCP channels
 */
public record Transport(EventLoopGroup group, Class<? extends ServerChannel> serverClass,
                        Class<? extends SocketChannel> socketClass) {

    /**
     * A new unconnected TCP channel of {@code family}. Netty's default is an IPv6 socket that also reaches IPv4
     * peers; one of the peer's own family skips that dual-stack setup (two syscalls per connection).
     */
    public SocketChannel newSocket(SocketProtocolFamily family) {
        return socketClass == EpollSocketChannel.class ? new EpollSocketChannel(family)
                : new NioSocketChannel(SelectorProvider.provider(), family);
    }

    /** A new group of {@code threads} event loops (0: Netty's default, twice the cores) named after {@code name}. */
    public static Transport create(String name, int threads) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), io);
        return epoll
                ? new Transport(group, EpollServerSocketChannel.class, EpollSocketChannel.class)
                : new Transport(group, NioServerSocketChannel.class, NioSocketChannel.class);
    }
}
