package io.fedgate.agent.internal.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fedgate.agent.internal.model.ManagedState;
import io.fedgate.agent.internal.model.ObjectKey;

/**
 * How the generic {@link ObjectReconciler} reads and writes one kind of object (or one kind's status):
 * where the cached object is, how it maps to the model's {@code *State} record, and how a desired record
 * becomes an object to send.
 *
 * @param <S> the model record of the fields fedgate manages
 */
public interface ManagedKind<S extends ManagedState> {

    /** The object's Kubernetes kind ({@code Service}, {@code ServiceImport}, ...). */
    String kind();

    /** True when this adapter writes only the {@code status} subresource of objects it never creates. */
    boolean statusOnly();

    /** True when only objects labelled {@code app.kubernetes.io/managed-by: fedgate} may be written. */
    boolean requiresOwnership();

    /** The cached object, or null. */
    HasMetadata cached(ObjectKey key);

    /** The fields fedgate manages of {@code observed}, as the same record a desired state is. */
    S observed(HasMetadata observed);

    /** The object (or, for {@link #statusOnly()}, its identity and status) that makes {@code desired} true. */
    HasMetadata manifest(S desired);

    /** The client operation on {@code manifest}'s object. */
    Resource<? extends HasMetadata> resource(HasMetadata manifest);

    /** The label written in {@code fedgate_agent_writes_total{kind}}: the kind, {@code /status} for status writes. */
    default String metricKind() {
        return statusOnly() ? kind() + "/status" : kind();
    }
}
