package io.fedgate.hub.internal.sealing;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * Opens an entry on the member that owns it and runs an {@link OwnerRead} on it. Carries no key material: it
 * opens with the owning member's {@link Sealing}, from the member's user context.
 */
final class OpenOnOwner<K, V, R> implements EntryProcessor<K, Object, R>, ReadOnly, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;

    private final String map;
    private final Class<V> type;
    private final OwnerRead<V, R> read;
    /** Set when the processor runs where it was made (no serialization); otherwise from the user context. */
    private transient Sealing sealing;

    OpenOnOwner(String map, Class<V> type, OwnerRead<V, R> read, Sealing local) {
        this.map = map;
        this.type = type;
        this.read = read;
        this.sealing = local;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        if (sealing == null) {
            sealing = (Sealing) instance.getUserContext().get(Sealing.USER_CONTEXT_KEY);
        }
    }

    @Override
    public R process(Map.Entry<K, Object> entry) {
        Object stored = Unreadable.read(entry::getValue);
        if (stored == null) {
            return null;
        }
        if (sealing == null) {
            throw new IllegalStateException("member has no " + Sealing.USER_CONTEXT_KEY + " in its user context");
        }
        V value = sealing.open(map, String.valueOf(entry.getKey()), stored, type);
        return value == null ? null : read.read(value);
    }

    @Override
    public EntryProcessor<K, Object, R> getBackupProcessor() {
        return null;
    }
}
