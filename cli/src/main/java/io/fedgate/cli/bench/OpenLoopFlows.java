package io.fedgate.cli.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-loop new-flow load on one event loop: flows start at a fixed arrival rate whatever earlier flows do (a slow
 * or stalled flow never delays the next arrival, unlike a thread per flow), and each flow's start, end and outcome
 * are recorded. A flow is connect, write one byte, read it back, close.
 *
 * <p>Arrivals are due every {@code 1/rate} seconds from the start; a timer every millisecond starts the flows
 * due so far. A flow's recorded start is when its connect was issued, so a generator that falls behind shows as
 * a lower achieved rate and as {@link #maxLagNanos()}, never as hidden latency.
 */
final class OpenLoopFlows implements AutoCloseable {
    /** Largest arrival rate accepted: beyond it one event loop cannot issue the connects on this machine. */
    static final int DEFAULT_MAX_RATE = 20_000;
    /** Most flows recorded in one run (bounds memory: 25 bytes per flow). */
    static final int DEFAULT_MAX_FLOWS = 2_000_000;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** How a flow ended. */
    enum Outcome {
        /** Still running (only before {@link #stop}). */
        RUNNING,
        /** The byte came back. */
        ECHOED,
        /** The connect was refused (RST to the SYN). */
        CONNECT_REFUSED,
        /** The connect did not complete within the flow timeout. */
        CONNECT_TIMEOUT,
        /** The connect failed otherwise. */
        CONNECT_FAILED,
        /** Connected, then reset before the echo. */
        RESET,
        /** Connected, then closed by the other side before the echo. */
        CLOSED,
        /** Connected, and no echo within the flow timeout. */
        TIMED_OUT;

        boolean failed() {
            return this != ECHOED && this != RUNNING;
        }
    }

    /**
     * One flow: start, connect completion (0 when it never connected) and end on {@link System#nanoTime()}, and
     * its outcome.
     */
    record Flow(long startNanos, long connectedNanos, long endNanos, Outcome outcome) {
        long latencyNanos() {
            return endNanos - startNanos;
        }
    }

    private final InetSocketAddress target;
    private final long intervalNanos;
    private final Duration flowTimeout;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop loop = group.next();
    private final Bootstrap bootstrap;
    private final long[] starts;
    private final long[] connects;
    private final long[] ends;
    private final byte[] outcomes;
    private final AtomicInteger running = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private long firstDue;
    private int started;
    private long maxLag;
    private boolean stopping;
    private ScheduledFuture<?> ticker;

    /**
     * @param rate        new flows per second, 1..{@link #DEFAULT_MAX_RATE}
     * @param maxSeconds  longest run, bounding the record ({@code rate * maxSeconds <= DEFAULT_MAX_FLOWS})
     * @param flowTimeout a flow not echoed by then is {@link Outcome#TIMED_OUT} (or {@link Outcome#CONNECT_TIMEOUT})
     */
    OpenLoopFlows(InetSocketAddress target, int rate, int maxSeconds, Duration flowTimeout) {
        if (rate < 1 || rate > DEFAULT_MAX_RATE) {
            throw new IllegalArgumentException("rate (" + rate + ") must be in 1.." + DEFAULT_MAX_RATE);
        }
        if ((long) rate * maxSeconds > DEFAULT_MAX_FLOWS || maxSeconds < 1) {
            throw new IllegalArgumentException("rate (" + rate + ") * maxSeconds (" + maxSeconds + ") must be in 1.."
                    + DEFAULT_MAX_FLOWS);
        }
        this.target = target;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        this.flowTimeout = flowTimeout;
        int capacity = rate * maxSeconds;
        this.starts = new long[capacity];
        this.connects = new long[capacity];
        this.ends = new long[capacity];
        this.outcomes = new byte[capacity];
        this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) flowTimeout.toMillis());
    }

    /** Starts the arrivals now. */
    void start() {
        loop.execute(() -> {
            firstDue = System.nanoTime();
            ticker = loop.scheduleAtFixedRate(this::tick, 0, TICK_NANOS, TimeUnit.NANOSECONDS);
        });
    }

    /**
     * Stops the arrivals and waits until every started flow ended (each ends by its timeout; a flow still running
     * {@code 5 s} after that, when this process was starved of CPU, counts as {@link Outcome#TIMED_OUT}).
     *
     * @return the flows in start order
     */
    List<Flow> stop() throws InterruptedException, ExecutionException {
        loop.execute(() -> {
            stopping = true;
            ticker.cancel(false);
            if (running.get() == 0) {
                stopped.countDown();
            }
        });
        stopped.await(flowTimeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
        return loop.submit(this::record).get();
    }

    /** The record so far; on the event loop, so no flow ends while it is read. */
    private List<Flow> record() {
        List<Flow> flows = new ArrayList<>(started);
        Outcome[] values = Outcome.values();
        long now = System.nanoTime();
        for (int i = 0; i < started; i++) {
            Outcome outcome = values[outcomes[i]];
            flows.add(outcome == Outcome.RUNNING ? new Flow(starts[i], connects[i], now, Outcome.TIMED_OUT)
                    : new Flow(starts[i], connects[i], ends[i], outcome));
        }
        return flows;
    }

    /** How far behind its arrival schedule the generator fell at worst. */
    long maxLagNanos() {
        return maxLag;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    private void tick() {
        long now = System.nanoTime();
        while (!stopping && started < starts.length) {
            long due = firstDue + started * intervalNanos;
            if (due > now) {
                return;
            }
            maxLag = Math.max(maxLag, now - due);
            startFlow(started++);
            now = System.nanoTime();
        }
    }

    private void startFlow(int index) {
        running.incrementAndGet();
        starts[index] = System.nanoTime();
        outcomes[index] = (byte) Outcome.RUNNING.ordinal();
        FlowHandler flow = new FlowHandler(index);
        ChannelFuture connect = bootstrap.clone().handler(flow).connect(target);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                Throwable cause = f.cause();
                flow.end(cause instanceof ConnectTimeoutException ? Outcome.CONNECT_TIMEOUT
                        : cause instanceof ConnectException ? Outcome.CONNECT_REFUSED : Outcome.CONNECT_FAILED);
            }
        });
        flow.timeout = loop.schedule(() -> {
            flow.end(connect.channel().isActive() ? Outcome.TIMED_OUT : Outcome.CONNECT_TIMEOUT);
            connect.channel().close();
        }, flowTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** One flow's handler: writes the byte when connected, records the outcome once. */
    private final class FlowHandler extends ChannelInboundHandlerAdapter {
        private final int index;
        private boolean ended;
        private ScheduledFuture<?> timeout;

        FlowHandler(int index) {
            this.index = index;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            connects[index] = System.nanoTime();
            ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                ByteBuf buf = (ByteBuf) msg;
                if (buf.isReadable() && buf.readByte() == 1) {
                    end(Outcome.ECHOED);
                    ctx.close();
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            end(Outcome.CLOSED);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            end(Outcome.RESET);
            ctx.close();
        }

        /** Records the outcome (the first one counts) and, after the last flow of a stopped run, wakes {@link #stop}. */
        void end(Outcome outcome) {
            if (ended) {
                return;
            }
            ended = true;
            ends[index] = System.nanoTime();
            outcomes[index] = (byte) outcome.ordinal();
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (running.decrementAndGet() == 0 && stopping) {
                stopped.countDown();
            }
        }
    }
}
