package io.fedgate.agent.internal.kube;

import io.fedgate.agent.internal.model.ManagedState;

/** What every {@link ManagedKind} states the same way: its kind and how it may be written. */
abstract class BaseKind<S extends ManagedState> implements ManagedKind<S> {
    private final String kind;
    private final boolean statusOnly;
    private final boolean requiresOwnership;

    BaseKind(String kind, boolean statusOnly, boolean requiresOwnership) {
        this.kind = kind;
        this.statusOnly = statusOnly;
        this.requiresOwnership = requiresOwnership;
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final boolean statusOnly() {
        return statusOnly;
    }

    @Override
    public final boolean requiresOwnership() {
        return requiresOwnership;
    }
}
