package io.fedgate.cli.bench;

import io.netty.bootstrap.ServerBootstrap;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Load generation and a TCP echo backend for {@code fedgate bench}: loopback only, bounded in time and count. */
final class BenchLoad {
    private static final int TIMEOUT_MILLIS = 5000;

    private BenchLoad() {
    }

    /**
     * Results of one chain; {@code proxyMicrosPerFlow} is the CPU its proxies spent per new flow during the flow-rate
     * run (NaN for a chain without proxies).
     */
    record Result(double mibPerSecond, double flowsPerSecond, double proxyMicrosPerFlow, double p50Micros,
                  double p99Micros) {
    }

    /** Flows completed in a closed-loop run of {@code seconds}. */
    record FlowRun(long flows, double seconds) {
        double perSecond() {
            return flows / seconds;
        }
    }

    /**
     * A Netty echo server on 127.0.0.1 with one event loop. At the client's FIN it sends what it still has queued,
     * then closes (closing at once, as Netty does without half-closure, would drop the queued echo).
     */
    static final class EchoServer implements AutoCloseable {
        private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        private final Channel channel;

        EchoServer() throws InterruptedException {
            channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
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
                    }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        }

        int port() {
            return ((InetSocketAddress) channel.localAddress()).getPort();
        }

        @Override
        public void close() {
            channel.close().syncUninterruptibly();
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
    }

    /** A loopback port free right now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Throughput, flow rate and latency through {@code target}; {@code proxyCpu} (null: none) tells the CPU time
     * the chain's proxies have used so far, read around the flow-rate run.
     */
    static Result measure(InetSocketAddress target, int streams, long bytesPerStream, int flowWorkers,
                          long flowMillis, int roundTrips, Supplier<Duration> proxyCpu) throws Exception {
        double mibPerSecond = throughput(target, streams, bytesPerStream);
        Duration cpuBefore = proxyCpu == null ? Duration.ZERO : proxyCpu.get();
        FlowRun flows = flows(target, flowWorkers, flowMillis);
        double proxyMicrosPerFlow = proxyCpu == null || flows.flows() == 0 ? Double.NaN
                : proxyCpu.get().minus(cpuBefore).toNanos() / 1000.0 / flows.flows();
        double[] rtts = latencies(target, roundTrips);
        return new Result(mibPerSecond, flows.perSecond(), proxyMicrosPerFlow, percentile(rtts, 0.50),
                percentile(rtts, 0.99));
    }

    /** Unmeasured load on {@code target} for about {@code millis}: half bulk streams, half new flows. */
    static void warmUp(InetSocketAddress target, int streams, int flowWorkers, long millis) throws Exception {
        long end = System.nanoTime() + millis / 2 * 1_000_000L;
        while (System.nanoTime() < end) {
            throughput(target, streams, 8L * 1024 * 1024);
        }
        flowsPerSecond(target, flowWorkers, millis / 2);
    }

    /** MiB/s of payload echoed back over {@code streams} parallel connections each carrying {@code bytes}. */
    static double throughput(InetSocketAddress target, int streams, long bytes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(streams * 2);
        long start = System.nanoTime();
        List<Future<Long>> done = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            Socket s = connect(target);
            pool.submit(() -> {
                byte[] chunk = new byte[64 * 1024];
                OutputStream out = s.getOutputStream();
                for (long sent = 0; sent < bytes; sent += chunk.length) {
                    out.write(chunk);
                }
                s.shutdownOutput();
                return null;
            });
            done.add(pool.submit(() -> {
                byte[] buf = new byte[64 * 1024];
                long received = 0;
                InputStream in = s.getInputStream();
                int n;
                while (received < bytes && (n = in.read(buf)) != -1) {
                    received += n;
                }
                s.close();
                return received;
            }));
        }
        long total = 0;
        for (Future<Long> f : done) {
            long received = f.get(5, TimeUnit.MINUTES);
            if (received != bytes) {
                pool.shutdownNow();
                throw new IOException("a bulk stream through " + target + " ended after " + received + " of " + bytes
                        + " bytes");
            }
            total += received;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdownNow();
        return total / (1024.0 * 1024.0) / seconds;
    }

    /** New flows per second (connect, 1-byte echo, close) with {@code workers} closed-loop workers. */
    static double flowsPerSecond(InetSocketAddress target, int workers, long millis) throws Exception {
        return flows(target, workers, millis).perSecond();
    }

    /** New flows (connect, 1-byte echo, close) completed by {@code workers} closed-loop workers in about {@code millis}. */
    static FlowRun flows(InetSocketAddress target, int workers, long millis) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong flows = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        for (int i = 0; i < workers; i++) {
            pool.execute(() -> {
                while (!stop.get()) {
                    if (oneFlow(target)) {
                        flows.incrementAndGet();
                    } else {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        Thread.sleep(millis);
        stop.set(true);
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failures.get() > 0) {
            System.err.println("  (" + failures.get() + " failed flows during the flow-rate run)");
        }
        return new FlowRun(flows.get(), seconds);
    }

    /** One flow: connect, echo one byte, close; false when it failed. */
    static boolean oneFlow(InetSocketAddress target) {
        try (Socket s = connect(target)) {
            s.getOutputStream().write(1);
            return s.getInputStream().read() == 1;
        } catch (IOException e) {
            return false;
        }
    }

    /** Round-trip times in microseconds of {@code count} 64-byte ping-pongs on one connection, after warm-up. */
    static double[] latencies(InetSocketAddress target, int count) throws IOException {
        try (Socket s = connect(target)) {
            byte[] msg = new byte[64];
            double[] micros = new double[count];
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            for (int i = -count / 10; i < count; i++) {
                long t0 = System.nanoTime();
                out.write(msg);
                out.flush();
                in.readNBytes(msg.length);
                if (i >= 0) {
                    micros[i] = (System.nanoTime() - t0) / 1000.0;
                }
            }
            return micros;
        }
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static Socket connect(InetSocketAddress target) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(TIMEOUT_MILLIS);
        s.connect(target, TIMEOUT_MILLIS);
        return s;
    }
}
