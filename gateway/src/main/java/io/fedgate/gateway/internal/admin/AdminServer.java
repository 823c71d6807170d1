package io.fedgate.gateway.internal.admin;

import io.fedgate.gateway.GatewayException;
import io.fedgate.gateway.internal.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;

/** The plain-HTTP admin listener. */
public final class AdminServer {
    /** Longest request line accepted. */
    public static final int DEFAULT_MAX_INITIAL_LINE_BYTES = 4096;
    /** Largest header block accepted. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 8192;
    /** Largest request body accepted (the endpoints take none). */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024;
    /** Seconds a client may take to send its request. */
    public static final int DEFAULT_MAX_REQUEST_SECONDS = 10;

    private final Channel channel;

    private AdminServer(Channel channel) {
        this.channel = channel;
    }

    /** Binds {@code address} and serves {@code endpoints}. */
    public static AdminServer bind(Transport transport, InetSocketAddress address, AdminEndpoints endpoints) {
        ServerBootstrap bootstrap = new ServerBootstrap().group(transport.group()).channel(transport.serverClass())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ReadTimeoutHandler(DEFAULT_MAX_REQUEST_SECONDS));
                        ch.pipeline().addLast(new HttpServerCodec(DEFAULT_MAX_INITIAL_LINE_BYTES,
                                DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_BODY_BYTES));
                        ch.pipeline().addLast(new HttpObjectAggregator(DEFAULT_MAX_BODY_BYTES));
                        ch.pipeline().addLast(new AdminRequestHandler(endpoints));
                    }
                });
        try {
            return new AdminServer(bootstrap.bind(address).sync().channel());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("interrupted while binding the admin listener " + address, e);
        } catch (Exception e) {
            throw new GatewayException("cannot bind the admin listener " + address + ": " + e.getMessage(), e);
        }
    }

    /** Where it listens. */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops listening. */
    public void close() {
        channel.close().awaitUninterruptibly();
    }
}
