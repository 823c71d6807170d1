package io.fedgate.agent;

/** A configuration value the agent cannot run with; the message names the setting and the value. */
public final class AgentConfigException extends IllegalArgumentException {
    public AgentConfigException(String message) {
        super(message);
    }
}
