package io.fedgate.agent.internal.model;

import io.fedgate.api.model.ServiceKey;
import java.util.Comparator;
import java.util.Objects;

/** Namespace and name of a namespaced Kubernetes object the agent reads or writes. */
public record ObjectKey(String namespace, String name) implements Comparable<ObjectKey> {
    public ObjectKey {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** The object named like {@code service}, in its namespace. */
    public static ObjectKey of(ServiceKey service) {
        return new ObjectKey(service.namespace(), service.name());
    }

    /** The service identity of the same namespace and name. */
    public ServiceKey serviceKey() {
        return new ServiceKey(namespace, name);
    }

    private static final Comparator<ObjectKey> ORDER = Comparator.comparing(ObjectKey::namespace)
            .thenComparing(ObjectKey::name);

    @Override
    public int compareTo(ObjectKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
