package io.fedgate.agent.internal.kube;

/** What one {@link ObjectReconciler} call did. */
public enum WriteOutcome {
    /** Desired and observed are equal (or both absent): no request. */
    NOOP,
    /** The object did not exist and was created. */
    CREATED,
    /** The object existed and was changed. */
    PATCHED,
    /** The object existed and is not desired any more: deleted. */
    DELETED,
    /** An object of that name exists but fedgate does not own it: left alone, with a warning. */
    NOT_OWNED,
    /** A status write for an object that does not exist (yet): nothing to do. */
    ABSENT,
    /** The API server refused or could not be reached; logged, retried on the next sync. */
    FAILED;

    /** True when a request changed the cluster. */
    public boolean wrote() {
        return this == CREATED || this == PATCHED || this == DELETED;
    }
}
