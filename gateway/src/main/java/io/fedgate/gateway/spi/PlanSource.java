package io.fedgate.gateway.spi;

/**
 * Where a gateway's plan comes from: a plan file ({@link io.fedgate.gateway.PlanFileSource}) or the hub's
 * watch stream. A source is started once with the listener it delivers to, delivers the current plan as soon
 * as it has one and every change after that, and stops delivering when closed.
 */
public interface PlanSource extends AutoCloseable {
    /** Starts delivering to {@code listener}; called once. */
    void start(PlanListener listener);

    /** What this source reads, for logs ({@code file /etc/fedgate/plan.json}, {@code hub https://...}). */
    String describe();

    /** Stops delivering; idempotent. */
    @Override
    void close();
}
