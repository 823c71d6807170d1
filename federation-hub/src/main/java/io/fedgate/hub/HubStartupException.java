package io.fedgate.hub;

/**
 * A hub member could not start: its data directory, the CA, the Hazelcast member, the persisted state or a
 * port. The message says which step failed and why.
 */
public final class HubStartupException extends RuntimeException {
    /** A failure of the step named in {@code message}. */
    public HubStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
