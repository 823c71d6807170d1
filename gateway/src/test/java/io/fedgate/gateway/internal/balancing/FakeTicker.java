package io.fedgate.gateway.internal.balancing;

import java.time.Duration;

/** A ticker that moves only when told. */
final class FakeTicker implements Ticker {
    private long now = 1_000_000_000L;

    @Override
    public long nanos() {
        return now;
    }

    void advance(Duration d) {
        now += d.toNanos();
    }
}
