package io.fedgate.cli.demo;

/** The demo could not start or run a part of the federation; the message names the cluster and the step. */
public class DemoException extends RuntimeException {
    public DemoException(String message) {
        super(message);
    }

    public DemoException(String message, Throwable cause) {
        super(message, cause);
    }
}
