package io.fedgate.hubclient;

/**
 * No hub member answered: every URL was tried and each failed (refused, timed out, not ready, or not
 * presenting a hub identity). The message names each URL and its failure.
 */
public final class HubUnavailableException extends HubClientException {
    /** A failure explained by {@code message}. */
    public HubUnavailableException(String message) {
        super(message);
    }

    /** A failure explained by {@code message}, caused by {@code cause}. */
    public HubUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
