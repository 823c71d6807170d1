package io.fedgate.gateway.internal.relay;

/**
 * A flow could not be opened on one attempt: the tunnel is down, the serving gateway refused the stream or
 * did not answer, a backend refused the connection. The balancer tries the next choice.
 */
public final class FlowOpenException extends RuntimeException {
    public FlowOpenException(String message) {
        super(message, null, false, false);
    }

    public FlowOpenException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
