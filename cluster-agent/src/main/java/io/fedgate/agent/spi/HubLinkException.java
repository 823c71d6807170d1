package io.fedgate.agent.spi;

/**
 * The hub could not be reached, or refused a request for a reason the agent cannot fix by resending its
 * inventory. The agent retries with backoff; the message says what failed and where (hub address, request).
 */
public class HubLinkException extends Exception {
    public HubLinkException(String message) {
        super(message);
    }

    public HubLinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
