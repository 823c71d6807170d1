package io.fedgate.gateway.internal.tunnel;

/**
 * Fired by {@link PingHandler} when the peer is heard from again after a {@link PingTimeoutEvent}.
 *
 * @param silentNanos how long the peer had been silent
 */
public record PingAnsweredEvent(long silentNanos) {
}
