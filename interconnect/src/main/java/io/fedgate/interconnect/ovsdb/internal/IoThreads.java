package io.fedgate.interconnect.ovsdb.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;

/** The Netty event loop group behind {@code OvsdbEventLoop}. */
public final class IoThreads {
    private final EventLoopGroup group;

    public IoThreads(int threads) {
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    }

    public EventLoopGroup group() {
        return group;
    }

    /** Stops the threads, waiting a bounded time. */
    public void shutdown() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
