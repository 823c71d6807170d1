package io.fedgate.agent.internal.kube;

import io.fedgate.agent.internal.model.ObjectKey;

/** Told about every add, update and delete the informers see. Called from informer threads: return quickly. */
@FunctionalInterface
public interface CacheListener {
    /**
     * @param kind the object's kind ({@code Service}, {@code EndpointSlice}, {@code ServiceImport}, ...)
     * @param key  its namespace and name; the namespace is empty for cluster-scoped objects
     */
    void changed(String kind, ObjectKey key);
}
