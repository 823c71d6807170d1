package io.fedgate.gateway.internal.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.codec.http2.Http2PingFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PingHandlerTest {
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofMillis(600);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<PingTimeoutEvent> timeouts = new ArrayList<>();
    private final List<PingAnsweredEvent> answers = new ArrayList<>();
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new PingHandler(INTERVAL, TIMEOUT, now::get, rtt -> { }));
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof PingTimeoutEvent) {
                    timeouts.add((PingTimeoutEvent) evt);
                }
                if (evt instanceof PingAnsweredEvent) {
                    answers.add((PingAnsweredEvent) evt);
                }
            }
        });
        channel.runScheduledPendingTasks();
    }

    /** Moves the handler's clock and the channel's scheduler together, running the ticks that fall due. */
    private void elapse(Duration d) {
        now.addAndGet(d.toNanos());
        channel.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void sendsPingsEveryInterval() {
        elapse(INTERVAL);
        elapse(INTERVAL);

        List<Object> written = new ArrayList<>();
        for (Object o; (o = channel.readOutbound()) != null; ) {
            written.add(o);
        }
        assertThat(written).hasSize(3).allMatch(o -> o instanceof Http2PingFrame && !((Http2PingFrame) o).ack());
    }

    @Test
    void peerSilentLongerThanTheTimeoutIsReportedOnce() {
        for (int i = 0; i < 6; i++) {
            elapse(INTERVAL);
        }

        assertThat(timeouts).hasSize(1);
        assertThat(timeouts.get(0).silentNanos()).isGreaterThan(TIMEOUT.toNanos());
    }

    @Test
    void pingsGoOnWhileThePeerIsSilentSoThatItCanAnswer() {
        for (int i = 0; i < 6; i++) {
            elapse(INTERVAL);
        }
        while (channel.readOutbound() != null) {
            // what was sent before the timeout
        }

        elapse(INTERVAL);

        assertThat((Object) channel.readOutbound()).isInstanceOf(Http2PingFrame.class);
    }

    @Test
    void peerHeardFromAfterATimeoutIsReportedOnce() {
        for (int i = 0; i < 6; i++) {
            elapse(INTERVAL);
        }

        channel.writeInbound(new DefaultHttp2PingFrame(42, false));
        channel.writeInbound(new DefaultHttp2PingFrame(43, false));

        assertThat(timeouts).hasSize(1);
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).silentNanos()).isGreaterThan(TIMEOUT.toNanos());
    }

    @Test
    void anyFrameFromThePeerKeepsTheTunnelAlive() {
        for (int i = 0; i < 6; i++) {
            elapse(INTERVAL);
            channel.writeInbound(new DefaultHttp2PingFrame(42, false));
        }

        assertThat(timeouts).isEmpty();
        assertThat(answers).isEmpty();
    }

    @Test
    void tickDelayedByAStalledEventLoopGivesNoVerdict() {
        // the loop did not run for a second: what the peer sent meanwhile may still be unread
        elapse(Duration.ofSeconds(1));
        assertThat(timeouts).isEmpty();

        // the loop read again and found the peer's frames
        channel.writeInbound(new DefaultHttp2PingFrame(42, false));
        elapse(INTERVAL);
        assertThat(timeouts).isEmpty();
    }

    @Test
    void peerStillSilentAfterTheStallIsReportedAtTheNextTick() {
        elapse(Duration.ofSeconds(1));
        elapse(INTERVAL);

        assertThat(timeouts).hasSize(1);
    }
}
