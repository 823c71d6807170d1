package io.fedgate.gateway;

/**
 * The gateway cannot do what it was asked: a listener or the tunnel port cannot be bound, TLS material does
 * not fit, a plan is for another cluster. The message names the address, file or value at fault.
 */
public class GatewayException extends RuntimeException {
    public GatewayException(String message) {
        super(message);
    }

    public GatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
