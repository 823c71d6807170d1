package io.fedgate.agent;

/** The agent or its management port could not start; the message says what and where. */
public final class AgentStartException extends RuntimeException {
    public AgentStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
