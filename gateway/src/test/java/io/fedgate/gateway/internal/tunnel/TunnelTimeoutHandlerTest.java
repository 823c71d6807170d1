package io.fedgate.gateway.internal.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TunnelTimeoutHandlerTest {
    private static final Duration TIMEOUT = Duration.ofMillis(600);
    private static final Duration CLOSE_AFTER = Duration.ofSeconds(3);

    private final List<String> verdicts = new ArrayList<>();
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new TunnelTimeoutHandler("test", CLOSE_AFTER, new TunnelLivenessListener() {
            @Override
            public void unresponsive() {
                verdicts.add("unresponsive");
            }

            @Override
            public void responsive() {
                verdicts.add("responsive");
            }
        }));
    }

    private void elapse(Duration d) {
        channel.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void silentPeerIsUnresponsiveAtOnceButItsConnectionStaysOpenForItsFlows() {
        channel.pipeline().fireUserEventTriggered(new PingTimeoutEvent(TIMEOUT.toNanos()));

        assertThat(verdicts).containsExactly("unresponsive");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void peerSilentUntilTheCloseDeadlineIsClosed() {
        channel.pipeline().fireUserEventTriggered(new PingTimeoutEvent(TIMEOUT.toNanos()));

        elapse(CLOSE_AFTER.minus(TIMEOUT));

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void peerHeardFromBeforeTheDeadlineIsResponsiveAgainAndKeepsItsConnection() {
        channel.pipeline().fireUserEventTriggered(new PingTimeoutEvent(TIMEOUT.toNanos()));
        elapse(Duration.ofSeconds(1));

        channel.pipeline().fireUserEventTriggered(new PingAnsweredEvent(Duration.ofMillis(1600).toNanos()));
        elapse(CLOSE_AFTER);

        assertThat(verdicts).containsExactly("unresponsive", "responsive");
        assertThat(channel.isOpen()).isTrue();
    }
}
