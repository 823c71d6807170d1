package io.fedgate.hubclient;

/**
 * A call to the hub failed. Subtypes say how: {@link HubUnavailableException} when no hub member answered,
 * {@link HubRequestException} when one answered with an error status.
 */
public class HubClientException extends RuntimeException {
    /** A failure explained by {@code message}. */
    public HubClientException(String message) {
        super(message);
    }

    /** A failure explained by {@code message}, caused by {@code cause}. */
    public HubClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
