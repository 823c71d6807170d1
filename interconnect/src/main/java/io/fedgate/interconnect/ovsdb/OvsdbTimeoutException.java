package io.fedgate.interconnect.ovsdb;

/** A request got no reply within its deadline, or a condition on the replica did not hold in time. */
public class OvsdbTimeoutException extends OvsdbException {
    public OvsdbTimeoutException(String message) {
        super(message);
    }
}
