package io.fedgate.gateway.internal.balancing;

/** A target whose liveness and RTT a test sets. */
final class FakeTarget implements BalancingTarget {
    private final String key;
    boolean live = true;
    double rttNanos = Double.NaN;

    FakeTarget(String key) {
        this.key = key;
    }

    FakeTarget rtt(double nanos) {
        this.rttNanos = nanos;
        return this;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public boolean live() {
        return live;
    }

    @Override
    public double rttNanos() {
        return rttNanos;
    }

    @Override
    public String toString() {
        return key;
    }
}
