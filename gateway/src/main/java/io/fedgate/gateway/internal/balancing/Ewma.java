package io.fedgate.gateway.internal.balancing;

/**
 * An exponentially weighted moving average of samples (round-trip times in nanoseconds). The first sample
 * is taken as it is; each later one moves the average by {@code weight} of the difference. Thread-safe.
 */
public final class Ewma {
    /** Weight of a new sample: the last ~5 pings dominate, one outlier does not. */
    public static final double DEFAULT_WEIGHT = 0.3;

    private final double weight;
    private double value = Double.NaN;

    /** @param weight of a new sample, in (0, 1] */
    public Ewma(double weight) {
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("weight (" + weight + ") must be in (0, 1]");
        }
        this.weight = weight;
    }

    /** An average with {@link #DEFAULT_WEIGHT}. */
    public static Ewma withDefaultWeight() {
        return new Ewma(DEFAULT_WEIGHT);
    }

    /** Adds a sample. */
    public synchronized void add(double sample) {
        value = Double.isNaN(value) ? sample : value + weight * (sample - value);
    }

    /** The average, or NaN before the first sample. */
    public synchronized double value() {
        return value;
    }
}
