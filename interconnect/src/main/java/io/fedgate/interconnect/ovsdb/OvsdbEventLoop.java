package io.fedgate.interconnect.ovsdb;

import io.fedgate.interconnect.ovsdb.internal.IoThreads;

/**
 * I/O threads shared by several {@link OvsdbClient}s (one reconciler talks to a dozen databases through
 * one or two threads). Close it after the clients that use it.
 */
public final class OvsdbEventLoop implements AutoCloseable {
    private final IoThreads threads;

    private OvsdbEventLoop(IoThreads threads) {
        this.threads = threads;
    }

    /** Starts {@code threads} I/O threads. */
    public static OvsdbEventLoop create(int threads) {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("OVSDB I/O threads (" + threads + ") must be in 1..64");
        }
        return new OvsdbEventLoop(new IoThreads(threads));
    }

    IoThreads threads() {
        return threads;
    }

    /** Stops the threads, waiting a bounded time. */
    @Override
    public void close() {
        threads.shutdown();
    }
}
