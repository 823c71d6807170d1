package io.fedgate.agent.internal.model;

/**
 * The fields fedgate manages of one Kubernetes object, desired or observed. Two states of the same object
 * are equal exactly when no write is needed.
 */
public interface ManagedState {
    /** The object's namespace and name. */
    ObjectKey key();
}
