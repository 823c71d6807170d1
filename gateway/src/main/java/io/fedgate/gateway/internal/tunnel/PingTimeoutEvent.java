package io.fedgate.gateway.internal.tunnel;

/**
 * Fired by {@link PingHandler} when the peer has not answered a PING for longer than the timeout.
 *
 * @param silentNanos how long the peer has been silent
 */
public record PingTimeoutEvent(long silentNanos) {
}
