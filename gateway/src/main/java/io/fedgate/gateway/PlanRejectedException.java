package io.fedgate.gateway;

/** A plan that cannot be used by this gateway (another cluster's, unreadable); the previous plan stays. */
public final class PlanRejectedException extends GatewayException {
    public PlanRejectedException(String message) {
        super(message);
    }

    public PlanRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
