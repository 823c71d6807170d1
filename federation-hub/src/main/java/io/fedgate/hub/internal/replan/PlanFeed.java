package io.fedgate.hub.internal.replan;

import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.ringbuffer.ReadResultSet;
import com.hazelcast.ringbuffer.Ringbuffer;
import io.fedgate.hub.internal.state.HubState;
import io.fedgate.hub.internal.state.StoredPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.LongConsumer;

/**
 * This member's view of plan versions, for the watches it serves.
 *
 * <p><b>Why a ring buffer per cluster.</b> A watch resumes "after version N", so each cluster's plans form
 * an append-only sequence read from a position, with a bounded tail kept: exactly what Hazelcast's
 * {@code Ringbuffer} is (sequence-addressed reads, fixed capacity with the oldest overwritten, a head
 * sequence that tells a reader it fell behind, one synchronous backup). An IMap keyed by (cluster, version)
 * would need its own trimming and could not tell "too old" from "missing". The ring's newest entry is the
 * cluster's current plan, so each version is stored once. The leader appends each new version, then bumps
 * the small
 * {@code plan-versions} map; every member listens to that map (a few bytes per change) and wakes its local
 * watches of that cluster, which read what they miss from the ring. Versions in a ring are consecutive, so
 * version {@code v} sits at sequence {@code tail - (tailVersion - v)}; a read that finds another version
 * there (history lost with two members) falls back to a resync, never to a gap.
 *
 * <p>The newest plan read per cluster is cached, so the watches of one cluster on one member read each
 * version from the ring once.
 */
public final class PlanFeed implements AutoCloseable {
    private final HubState state;
    private final IMap<String, Long> versions;
    private final Map<String, Long> latest = new ConcurrentHashMap<>();
    private final Map<String, Set<LongConsumer>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, StoredPlan> newestRead = new ConcurrentHashMap<>();
    private final UUID listener;

    /** What a watch after some version gets. */
    public sealed interface Catchup permits Versions, Resync, Nothing {
    }

    /** The versions after the asked one, consecutive, oldest first. */
    public record Versions(List<StoredPlan> plans) implements Catchup {
    }

    /** The current plan, replacing everything: the versions in between are not all held. */
    public record Resync(StoredPlan plan) implements Catchup {
    }

    /** Nothing newer than the asked version. */
    public record Nothing() implements Catchup {
    }

    /** Starts listening to plan versions in {@code state}. */
    public PlanFeed(HubState state) {
        this.state = state;
        this.versions = state.planVersions();
        this.listener = versions.addEntryListener(new VersionListener(), true);
        versions.forEach((cluster, version) -> advance(cluster, version));
    }

    /** Calls {@code onVersion} with every newer version of {@code clusterId} this member hears of. */
    public void subscribe(String clusterId, LongConsumer onVersion) {
        subscribers.computeIfAbsent(clusterId, id -> new CopyOnWriteArraySet<>()).add(onVersion);
    }

    /** Stops calling {@code onVersion}. */
    public void unsubscribe(String clusterId, LongConsumer onVersion) {
        Set<LongConsumer> set = subscribers.get(clusterId);
        if (set != null) {
            set.remove(onVersion);
        }
    }

    /** The newest version of {@code clusterId} this member knows, 0 when none. */
    public long latest(String clusterId) {
        return latest.getOrDefault(clusterId, 0L);
    }

    /** Every cluster with a version, and its newest version. */
    public Map<String, Long> latestVersions() {
        return Map.copyOf(latest);
    }

    /** Forgets a removed cluster's version, cache and history. */
    public void forget(String clusterId) {
        latest.remove(clusterId);
        newestRead.remove(clusterId);
    }

    /**
     * What a watch that has {@code after} (0: nothing) should get next: from 0, a resync with the current
     * plan; from a version the history still holds, every version after it; otherwise a resync. Blocks on the
     * ring buffer: call it off event loops.
     */
    public Catchup catchUp(String clusterId, long after) throws InterruptedException {
        StoredPlan cached = newestRead.get(clusterId);
        if (after > 0 && cached != null && cached.version() == after + 1 && latest(clusterId) == cached.version()) {
            return new Versions(List.of(cached));
        }
        Ringbuffer<StoredPlan> ring = state.history(clusterId);
        long tailSeq = ring.tailSequence();
        StoredPlan tail = tailSeq < 0 ? null : ring.readOne(tailSeq);
        if (tail == null) {
            return new Nothing();
        }
        remember(clusterId, tail);
        if (after == tail.version()) {
            return new Nothing();
        }
        if (after == 0 || after > tail.version()) {
            return new Resync(tail);
        }
        long count = tail.version() - after;
        if (count == 1) {
            return new Versions(List.of(tail));
        }
        long firstSeq = tailSeq - count + 1;
        if (firstSeq < ring.headSequence()) {
            return new Resync(tail);
        }
        ReadResultSet<StoredPlan> read;
        try {
            read = ring.readManyAsync(firstSeq, (int) count, (int) count, null).toCompletableFuture().get();
        } catch (java.util.concurrent.ExecutionException e) {
            // overwritten between the head check and the read: the versions are gone
            return new Resync(tail);
        }
        List<StoredPlan> plans = consecutive(read, after + 1);
        return plans == null ? new Resync(tail) : new Versions(plans);
    }

    private static List<StoredPlan> consecutive(ReadResultSet<StoredPlan> read, long firstVersion) {
        List<StoredPlan> plans = new ArrayList<>(read.size());
        long expected = firstVersion;
        for (StoredPlan plan : read) {
            if (plan.version() != expected) {
                return null;
            }
            plans.add(plan);
            expected++;
        }
        return plans;
    }

    private StoredPlan remember(String clusterId, StoredPlan plan) {
        newestRead.merge(clusterId, plan, (held, read) -> read.version() > held.version() ? read : held);
        return plan;
    }

    @Override
    public void close() {
        versions.removeEntryListener(listener);
    }

    private void advance(String clusterId, long version) {
        long newest = latest.merge(clusterId, version, Math::max);
        if (newest == version) {
            Set<LongConsumer> set = subscribers.get(clusterId);
            if (set != null) {
                set.forEach(s -> s.accept(version));
            }
        }
    }

    private final class VersionListener implements EntryAddedListener<String, Long>, EntryUpdatedListener<String, Long> {
        @Override
        public void entryAdded(com.hazelcast.core.EntryEvent<String, Long> event) {
            advance(event.getKey(), event.getValue());
        }

        @Override
        public void entryUpdated(com.hazelcast.core.EntryEvent<String, Long> event) {
            advance(event.getKey(), event.getValue());
        }
    }
}
