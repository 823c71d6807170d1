package io.fedgate.gateway.internal.relay;

/**
 * A flow could not be opened on one attempt: the tunnel is down, the serving gateway refused the stream or
 * did not answer, a backend refused the connection. The balancer tries the next choice.
 */
public final class FlowOpenException extends RuntimeException {
    private final boolean answered;

    public FlowOpenException(String message) {
        this(message, null, false);
    }

    public FlowOpenException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private FlowOpenException(String message, Throwable cause, boolean answered) {
        super(message, cause, false, false);
        this.answered = answered;
    }

    /** The serving gateway answered the stream with a refusal: the tunnel itself works. */
    public static FlowOpenException answered(String message) {
        return new FlowOpenException(message, null, true);
    }

    /** True when the serving gateway answered with a refusal (the tunnel carried the request and its answer). */
    public boolean wasAnswered() {
        return answered;
    }
}
