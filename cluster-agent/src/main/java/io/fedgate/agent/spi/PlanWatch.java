package io.fedgate.agent.spi;

/** An open plan watch of a {@link HubLink}. */
public interface PlanWatch extends AutoCloseable {

    /** Stops the watch: no more events after this returns. Idempotent. */
    @Override
    void close();
}
