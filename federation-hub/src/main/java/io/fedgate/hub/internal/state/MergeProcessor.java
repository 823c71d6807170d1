package io.fedgate.hub.internal.state;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;
import java.util.Objects;

/**
 * Merges a copy of an entry read from a member's disk into the cluster's entry, on the partition that owns
 * it, with the rule of its {@link PersistedMap}.
 */
final class MergeProcessor implements EntryProcessor<String, Object, Boolean> {
    private static final long serialVersionUID = 1L;

    private final PersistedMap kind;
    private final Object incoming;

    MergeProcessor(PersistedMap kind, Object incoming) {
        this.kind = kind;
        this.incoming = incoming;
    }

    /** @return true when the entry changed */
    @Override
    public Boolean process(Map.Entry<String, Object> entry) {
        Object current = entry.getValue();
        Object merged = current == null ? incoming : kind.merge(current, incoming);
        if (Objects.equals(merged, current)) {
            return false;
        }
        entry.setValue(merged);
        return true;
    }
}
