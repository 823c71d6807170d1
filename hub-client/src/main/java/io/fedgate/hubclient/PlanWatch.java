package io.fedgate.hubclient;

import java.net.URI;

/** A running plan watch, started by {@link HubClient#watchPlan}; closing it stops it. */
public interface PlanWatch extends AutoCloseable {
    /** The newest plan version delivered to the listener, or the version the watch started from. */
    long lastVersion();

    /** True while a stream to a hub member is open. */
    boolean connected();

    /** The hub member of the current or last stream, null before the first. */
    URI hub();

    /** Stops the watch; no listener call starts after this returns. */
    @Override
    void close();
}
