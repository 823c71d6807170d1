package io.fedgate.hub.internal.sealing;

import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.ringbuffer.OverflowPolicy;
import com.hazelcast.ringbuffer.ReadResultSet;
import com.hazelcast.ringbuffer.Ringbuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A Hazelcast ring buffer of sealed items, seen as items of {@code V}. Items are sealed for the ring's name
 * with an empty entry key (the sequence is not known before the append): an item copied from another ring
 * fails to open; one re-appended to the same ring opens, and readers check what it holds (plan versions are
 * consecutive). Items are never re-sealed; after a key rotation, ones under the retired key are refused.
 */
public final class SealedRing<V> {
    private static final String ITEM_KEY = "";

    private final Ringbuffer<Object> raw;
    private final Class<V> type;
    private final Sealing sealing;

    /** The sealed view of {@code raw}. */
    public SealedRing(Ringbuffer<Object> raw, Class<V> type, Sealing sealing) {
        this.raw = raw;
        this.type = type;
        this.sealing = sealing;
    }

    /** Appends {@code item}. */
    public CompletableFuture<Long> addAsync(V item, OverflowPolicy policy) {
        return raw.addAsync(sealing.seal(raw.getName(), ITEM_KEY, item), policy).toCompletableFuture();
    }

    /** The item at {@code sequence}; null when refused. */
    public V readOne(long sequence) throws InterruptedException {
        try {
            return open(raw.readOne(sequence));
        } catch (HazelcastSerializationException e) {
            return open(Unreadable.of(e));
        }
    }

    /** The {@code count} items from {@code sequence}, each null when refused. */
    public List<V> readMany(long sequence, int count) throws InterruptedException, ExecutionException {
        ReadResultSet<Object> read = raw.readManyAsync(sequence, count, count, null).toCompletableFuture().get();
        List<V> items = new ArrayList<>(read.size());
        for (int i = 0; i < read.size(); i++) {
            int index = i;
            items.add(open(Unreadable.read(() -> read.get(index))));
        }
        return items;
    }

    /** The newest sequence, -1 when empty. */
    public long tailSequence() {
        return raw.tailSequence();
    }

    /** The oldest sequence held. */
    public long headSequence() {
        return raw.headSequence();
    }

    /** Drops the ring. */
    public void destroy() {
        raw.destroy();
    }

    private V open(Object stored) {
        return stored == null ? null : sealing.open(raw.getName(), ITEM_KEY, stored, type);
    }
}
