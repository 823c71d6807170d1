package io.fedgate.interconnect.ovsdb;

/** The server could not be reached, the connection was lost, or no reachable server is the cluster leader. */
public class OvsdbConnectionException extends OvsdbException {
    public OvsdbConnectionException(String message) {
        super(message);
    }

    public OvsdbConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
