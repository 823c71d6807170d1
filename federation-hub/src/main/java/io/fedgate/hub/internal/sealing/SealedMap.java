package io.fedgate.hub.internal.sealing;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * A Hazelcast map whose values are sealed envelopes ({@link StateSealer}), seen as a map of {@code V}: every
 * value read is opened for this map and its entry, and one that does not open is refused (counted, logged,
 * audited by the {@link IntegrityMonitor}) and treated as absent. Only the operations the hub uses.
 *
 * <p>Conditional writes ({@link #replace}, {@link #remove(Object, Held)}) compare envelopes, which Hazelcast
 * compares byte for byte: a {@link Held} value remembers the envelope it was read from. A value the member
 * could not even deserialize ({@link Unreadable}: a class outside the members' Java serialization allow-list)
 * cannot be compared, so a conditional write over one deletes it first: only someone without the keys wrote it.
 *
 * <p><b>Replays.</b> A value copied from another entry fails to open; an older value of the same entry opens.
 * For maps whose values only move forward ({@link Forward}), the member remembers the newest value it saw of
 * each entry (every write once stored, read and entry event) and refuses a read behind what it had seen
 * <em>before the read began</em> as {@code ROLLED_BACK}, reading the newest instead. A read that overlaps one of
 * this member's own writes may legitimately return the value before it (it fetched the entry first); only a
 * value older than one already stored when the read began is a replay.
 */
public final class SealedMap<K, V> {
    /**
     * A value as read, with what was stored (its envelope) for conditional writes.
     *
     * @param value  null when refused
     * @param stored the envelope, or whatever else someone without the keys stored
     */
    public record Held<V>(V value, Object stored) {
        /** True when the envelope did not open. */
        public boolean refused() {
            return value == null;
        }
    }

    /** The forward-only order of a map's values. */
    @FunctionalInterface
    public interface Forward<V> {
        /** True when {@code incoming} is older than {@code held}: it must not replace it. */
        boolean behind(V held, V incoming);
    }

    /** Callbacks of entry events, values opened. */
    public interface Changes<K, V> {
        /** Added, updated or merged; {@code value} null when listening without values. */
        void changed(K key, V value);

        /** Removed. */
        default void removed(K key) {
        }
    }

    /** The class of the entry processor {@link #readOnOwner} sends to the owning member. */
    public static final String OWNER_READ_CLASS = OpenOnOwner.class.getName();

    /** Values as stored: envelopes, unless someone without the keys stored something else. */
    private final IMap<K, Object> raw;
    private final String name;
    private final Class<V> type;
    private final Sealing sealing;
    private final Forward<V> forward;
    private final Map<K, V> newest = new ConcurrentHashMap<>();
    private final UUID forwardListener;

    /**
     * The sealed view of {@code raw}, whose values are {@code type}s; with {@code forward} (nullable), values only
     * move forward.
     */
    public SealedMap(IMap<K, Object> raw, Class<V> type, Sealing sealing, Forward<V> forward) {
        this.raw = raw;
        this.name = raw.getName();
        this.type = type;
        this.sealing = sealing;
        this.forward = forward;
        this.forwardListener = forward == null ? null : listen((key, value) -> { }, true);
    }

    /** The Hazelcast map's name. */
    public String name() {
        return name;
    }

    /** The value of {@code key}; null when absent or refused. */
    public V get(K key) {
        V seen = seen(key);
        return open(key, stored(key), seen);
    }

    /** The value of {@code key} with its envelope; null when absent. */
    public Held<V> getHeld(K key) {
        V seen = seen(key);
        return held(key, stored(key), seen);
    }

    /** The values of {@code keys} that are present and open. */
    public Map<K, V> getAll(Set<K> keys) {
        Map<K, V> seen = seen(keys);
        return opened(storedAll(keys), seen);
    }

    /** The entries of {@code keys} that are present, each with its envelope (refused ones too). */
    public Map<K, Held<V>> getAllHeld(Set<K> keys) {
        Map<K, V> seen = seen(keys);
        Map<K, Held<V>> held = new LinkedHashMap<>();
        storedAll(keys).forEach((key, stored) -> held.put(key, held(key, stored, seen.get(key))));
        return held;
    }

    /** Every value that opens, by key. */
    public Map<K, V> toMap() {
        Map<K, V> seen = forward == null ? Map.of() : new HashMap<>(newest);
        try {
            return opened(new LinkedHashMap<>(raw), seen);
        } catch (HazelcastSerializationException e) {
            return opened(storedOneByOne(raw.keySet()), seen);
        }
    }

    /** Calls {@code action} with every entry whose value opens. */
    public void forEach(BiConsumer<K, V> action) {
        toMap().forEach(action);
    }

    /** Every key, whether or not its value opens. */
    public Set<K> keySet() {
        return raw.keySet();
    }

    /** How many entries, whether or not their values open. */
    public int size() {
        return raw.size();
    }

    /** True when {@code key} holds a value that opens. */
    public boolean containsKey(K key) {
        return get(key) != null;
    }

    /** Stores {@code value} under {@code key}. */
    public void set(K key, V value) {
        raw.set(key, seal(key, value));
        remember(key, value);
    }

    /**
     * Stores {@code value} under {@code key}, asynchronously; remembered as the newest once stored (a read before
     * then still finds the older value, which is no replay).
     */
    public CompletableFuture<Void> setAsync(K key, V value) {
        return raw.setAsync(key, seal(key, value)).toCompletableFuture().thenRun(() -> remember(key, value));
    }

    /** Stores every entry of {@code values}, asynchronously; remembered once stored, as {@link #setAsync}. */
    public CompletableFuture<Void> setAllAsync(Map<K, V> values) {
        Map<K, Object> sealed = new HashMap<>();
        values.forEach((key, value) -> sealed.put(key, seal(key, value)));
        return raw.setAllAsync(sealed).toCompletableFuture().thenRun(() -> values.forEach(this::remember));
    }

    /** Stores {@code value} unless {@code key} holds something; null when stored, else what it holds. */
    public Held<V> putIfAbsent(K key, V value) {
        V seen = seen(key);
        Object existing = Unreadable.read(() -> raw.putIfAbsent(key, seal(key, value)));
        if (existing == null) {
            remember(key, value);
            return null;
        }
        return held(key, existing, seen);
    }

    /** Replaces what {@code key} holds with {@code next} if it still holds {@code expected}'s envelope. */
    public boolean replace(K key, Held<V> expected, V next) {
        boolean replaced;
        if (expected.stored() instanceof Unreadable) {
            raw.delete(key);
            replaced = Unreadable.read(() -> raw.putIfAbsent(key, seal(key, next))) == null;
        } else {
            replaced = raw.replace(key, expected.stored(), seal(key, next));
        }
        if (replaced) {
            remember(key, next);
        }
        return replaced;
    }

    /** Removes {@code key} if it still holds {@code expected}'s envelope. */
    public boolean remove(K key, Held<V> expected) {
        boolean removed = true;
        if (expected.stored() instanceof Unreadable) {
            raw.delete(key);
        } else {
            removed = raw.remove(key, expected.stored());
        }
        if (removed) {
            newest.remove(key);
        }
        return removed;
    }

    /** Removes {@code key}. */
    public void delete(K key) {
        raw.delete(key);
        newest.remove(key);
    }

    /**
     * Sets {@code key} to {@code next(current)}, {@code current} null when absent or refused (a refused value is
     * overwritten: this member's keys opened the CA, so it is no value any member sealed), atomically per entry.
     *
     * @return true when the entry changed
     */
    public boolean update(K key, UnaryOperator<V> next) {
        while (true) {
            Held<V> held = getHeld(key);
            V current = held == null ? null : held.value();
            V value = next.apply(current);
            if (value == null || Objects.equals(value, current)) {
                return false;
            }
            if (held == null ? putIfAbsent(key, value) == null : replace(key, held, value)) {
                return true;
            }
        }
    }

    /** {@code Map.merge}: stores {@code value}, or {@code remapping(held, value)} when {@code key} holds one. */
    public V merge(K key, V value, BinaryOperator<V> remapping) {
        Object[] result = new Object[1];
        update(key, current -> {
            V merged = current == null ? value : remapping.apply(current, value);
            result[0] = merged;
            return merged;
        });
        return type.cast(result[0]);
    }

    /** {@code read} of the value of {@code key}, run on the member that owns it; null when absent or refused. */
    public <R> R readOnOwner(K key, OwnerRead<V, R> read) {
        return raw.executeOnKey(key, new OpenOnOwner<K, V, R>(name, type, read, sealing));
    }

    /**
     * Calls {@code changes} on entry events; with {@code includeValue}, with each value opened (an event whose
     * value is refused is dropped).
     *
     * @return the registration, for {@link #unlisten}
     */
    public UUID listen(Changes<K, V> changes, boolean includeValue) {
        return raw.addEntryListener(new Listener(changes, includeValue), includeValue);
    }

    /** Stops a listener. */
    public void unlisten(UUID registration) {
        raw.removeEntryListener(registration);
    }

    /** Stops what this view listens to itself. */
    public void close() {
        if (forwardListener != null) {
            raw.removeEntryListener(forwardListener);
        }
    }

    private byte[] seal(K key, V value) {
        return sealing.seal(name, String.valueOf(key), value);
    }

    private Object stored(K key) {
        return Unreadable.read(() -> raw.get(key));
    }

    /** What {@code keys} hold; when one cannot be deserialized, read one by one so only that one is refused. */
    private Map<K, Object> storedAll(Set<K> keys) {
        try {
            return raw.getAll(keys);
        } catch (HazelcastSerializationException e) {
            return storedOneByOne(keys);
        }
    }

    private Map<K, Object> storedOneByOne(Set<K> keys) {
        Map<K, Object> stored = new LinkedHashMap<>();
        for (K key : keys) {
            Object value = stored(key);
            if (value != null) {
                stored.put(key, value);
            }
        }
        return stored;
    }

    private Held<V> held(K key, Object stored, V seen) {
        return stored == null ? null : new Held<>(open(key, stored, seen), stored);
    }

    /** The newest value of {@code key} this member has seen so far (null when none or not forward-only). */
    private V seen(K key) {
        return forward == null ? null : newest.get(key);
    }

    /** The newest values of {@code keys} this member has seen so far. */
    private Map<K, V> seen(Set<K> keys) {
        Map<K, V> seen = new HashMap<>();
        if (forward != null) {
            for (K key : keys) {
                V value = newest.get(key);
                if (value != null) {
                    seen.put(key, value);
                }
            }
        }
        return seen;
    }

    /**
     * {@code stored} opened; for a forward-only map the newest value seen, and refused as a replay when behind
     * {@code seenBefore}, what this member had seen of the entry before fetching {@code stored} (null: nothing it
     * could be a replay of). Behind only what was seen since, it lost a race with a write, like an entry event
     * arriving after this member's own newer write: no replay.
     */
    private V open(K key, Object stored, V seenBefore) {
        if (stored == null) {
            return null;
        }
        V value = sealing.open(name, String.valueOf(key), stored, type);
        if (value == null || forward == null) {
            return value;
        }
        V kept = newest.merge(key, value, (held, incoming) -> forward.behind(held, incoming) ? held : incoming);
        if (seenBefore != null && forward.behind(seenBefore, value)) {
            sealing.monitor().refused(new IntegrityFailure(name, String.valueOf(key),
                    IntegrityFailure.Reason.ROLLED_BACK, null));
        }
        return kept;
    }

    private void remember(K key, V value) {
        if (forward != null) {
            newest.merge(key, value, (held, incoming) -> forward.behind(held, incoming) ? held : incoming);
        }
    }

    private Map<K, V> opened(Map<K, Object> envelopes, Map<K, V> seen) {
        Map<K, V> values = new LinkedHashMap<>();
        for (Map.Entry<K, Object> entry : envelopes.entrySet()) {
            V value = open(entry.getKey(), entry.getValue(), seen.get(entry.getKey()));
            if (value != null) {
                values.put(entry.getKey(), value);
            }
        }
        return values;
    }

    private final class Listener implements EntryAddedListener<K, Object>, EntryUpdatedListener<K, Object>,
            EntryRemovedListener<K, Object>, EntryMergedListener<K, Object> {
        private final Changes<K, V> changes;
        private final boolean includeValue;

        Listener(Changes<K, V> changes, boolean includeValue) {
            this.changes = changes;
            this.includeValue = includeValue;
        }

        @Override
        public void entryAdded(EntryEvent<K, Object> event) {
            changed(event);
        }

        @Override
        public void entryUpdated(EntryEvent<K, Object> event) {
            changed(event);
        }

        @Override
        public void entryMerged(EntryEvent<K, Object> event) {
            changed(event);
        }

        @Override
        public void entryRemoved(EntryEvent<K, Object> event) {
            changes.removed(event.getKey());
        }

        private void changed(EntryEvent<K, Object> event) {
            if (!includeValue) {
                changes.changed(event.getKey(), null);
                return;
            }
            // an event may lag this member's own newer write: nothing seen before it is known
            V value = open(event.getKey(), Unreadable.read(event::getValue), null);
            if (value != null) {
                changes.changed(event.getKey(), value);
            }
        }
    }
}
