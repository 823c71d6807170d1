package io.fedgate.gateway.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real TCP backend for tests: greets every connection with {@code <name>\n} (so a client knows which
 * cluster served it), then echoes what it receives; closes when the client half-closes. Optionally
 * remembers the first bytes of each connection (to check a PROXY protocol header). Runnable as a process:
 * {@code EchoBackend <address> <port> <name>} prints {@code READY <port>} when listening.
 */
public final class EchoBackend implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile byte[] lastPreamble = new byte[0];

    public EchoBackend(String name, InetSocketAddress address) throws InterruptedException {
        byte[] greeting = (name + "\n").getBytes(StandardCharsets.US_ASCII);
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.incrementAndGet();
                        ch.closeFuture().addListener(f -> connections.decrementAndGet());
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            private boolean first = true;

                            @Override
                            public void channelActive(ChannelHandlerContext ctx) {
                                ctx.writeAndFlush(Unpooled.wrappedBuffer(greeting));
                            }

                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                if (first) {
                                    first = false;
                                    ByteBuf b = (ByteBuf) msg;
                                    byte[] head = new byte[Math.min(64, b.readableBytes())];
                                    b.getBytes(b.readerIndex(), head);
                                    lastPreamble = head;
                                }
                                ctx.write(msg);
                            }

                            @Override
                            public void channelReadComplete(ChannelHandlerContext ctx) {
                                ctx.flush();
                            }

                            @Override
                            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                if (evt instanceof ChannelInputShutdownEvent) {
                                    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                                }
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();
                            }
                        });
                    }
                })
                .bind(address).sync().channel();
    }

    /** Where it listens. */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Connections open now. */
    public int openConnections() {
        return connections.get();
    }

    /** Up to 64 first bytes the latest connection sent. */
    public byte[] lastPreamble() {
        return lastPreamble.clone();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    public static void main(String[] args) throws Exception {
        EchoBackend backend = new EchoBackend(args[2], new InetSocketAddress(args[0], Integer.parseInt(args[1])));
        System.out.println("READY " + backend.address().getPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
