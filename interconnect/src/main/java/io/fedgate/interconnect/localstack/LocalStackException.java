package io.fedgate.interconnect.localstack;

/** The local OVN-IC stack could not be started, driven or stopped; the message quotes the tool's own error. */
public class LocalStackException extends RuntimeException {
    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
