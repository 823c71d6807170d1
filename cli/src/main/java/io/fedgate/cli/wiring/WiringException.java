package io.fedgate.cli.wiring;

/** A component could not be wired to its collaborators (hub identity, zone programmer); the message says which and why. */
public class WiringException extends RuntimeException {
    public WiringException(String message) {
        super(message);
    }

    public WiringException(String message, Throwable cause) {
        super(message, cause);
    }
}
