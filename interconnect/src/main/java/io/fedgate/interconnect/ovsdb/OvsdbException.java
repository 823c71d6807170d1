package io.fedgate.interconnect.ovsdb;

/**
 * Base of every failure the OVSDB client reports. Messages name the endpoint (or the client's label) and
 * the request involved, so one line is enough to tell what broke where.
 */
public abstract class OvsdbException extends RuntimeException {
    protected OvsdbException(String message) {
        super(message);
    }

    protected OvsdbException(String message, Throwable cause) {
        super(message, cause);
    }
}
