package io.fedgate.hub.planning;

/**
 * The planners were given input they cannot plan from. The message says what, where and which value,
 * e.g. {@code inventories[2].exports[0].exportedAt: missing (cluster "b", service shop/cart)}.
 */
public final class PlanningException extends RuntimeException {
    /** A planning error with a message naming the field and the offending value. */
    public PlanningException(String message) {
        super(message);
    }
}
