package io.fedgate.interconnect.ovsdb;

/**
 * The peer sent something that is not valid OVSDB JSON-RPC: malformed or truncated JSON, a message over the
 * size bound, a field of the wrong type. The connection it came on is closed.
 */
public class OvsdbProtocolException extends OvsdbException {
    public OvsdbProtocolException(String message) {
        super(message);
    }

    public OvsdbProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
