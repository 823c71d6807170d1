package io.fedgate.gateway.internal.balancing;

/** A monotonic nanosecond time source; injected so that time-dependent logic is tested without sleeping. */
@FunctionalInterface
public interface Ticker {
    /** The JVM's monotonic clock. */
    Ticker SYSTEM = System::nanoTime;

    /** Nanoseconds since an arbitrary origin; only differences mean anything. */
    long nanos();
}
