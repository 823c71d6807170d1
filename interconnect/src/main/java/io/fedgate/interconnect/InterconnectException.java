package io.fedgate.interconnect;

/**
 * Interconnection could not be programmed as planned: the cluster router is missing, a transit switch never
 * appeared in an AZ, a row with our name belongs to someone else. The message names the AZ and the row.
 */
public class InterconnectException extends RuntimeException {
    public InterconnectException(String message) {
        super(message);
    }

    public InterconnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
