package io.fedgate.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DebouncerAndBackoffTest {
    private final FakeTaskScheduler scheduler = new FakeTaskScheduler();
    private final AtomicInteger runs = new AtomicInteger();
    private final Debouncer debouncer = new Debouncer(scheduler, Duration.ofMillis(200), runs::incrementAndGet);

    @Test
    void burstOfTriggersRunsOnceAfterTheDelay() {
        for (int i = 0; i < 50; i++) {
            debouncer.trigger();
        }
        scheduler.advance(199);
        assertThat(runs).hasValue(0);

        scheduler.advance(1);
        assertThat(runs).hasValue(1);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void triggerAfterARunSchedulesTheNextOne() {
        debouncer.trigger();
        scheduler.advance(200);
        debouncer.trigger();
        debouncer.trigger();
        scheduler.advance(200);

        assertThat(runs).hasValue(2);
    }

    @Test
    void triggerDuringTheRunIsNotLost() {
        Debouncer[] self = new Debouncer[1];
        AtomicInteger count = new AtomicInteger();
        self[0] = new Debouncer(scheduler, Duration.ofMillis(100), () -> {
            if (count.incrementAndGet() == 1) {
                self[0].trigger();
            }
        });

        self[0].trigger();
        scheduler.advance(250);

        assertThat(count).hasValue(2);
    }

    @Test
    void backoffDoublesUpToTheMaximumAndResets() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(2));

        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(2));
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void badTimingsAreRefusedWithTheValue() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessage("backoff initial delay PT0S must be positive");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("backoff max delay PT1S must be >= initial delay PT2S");
        assertThatThrownBy(() -> new Debouncer(scheduler, Duration.ofMillis(-1), () -> { }))
                .hasMessage("debounce delay PT-0.001S is negative");
    }
}
