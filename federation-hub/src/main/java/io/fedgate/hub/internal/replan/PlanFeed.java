package io.fedgate.hub.internal.replan;

import io.fedgate.hub.internal.sealing.SealedMap;
import io.fedgate.hub.internal.sealing.SealedRing;
import io.fedgate.hub.internal.state.HubState;
import io.fedgate.hub.internal.state.StoredPlan;
import java.io.ByteArrayOutputStream;
import java.lang.ref.SoftReference;
import java.nio.charset.StandardCharsets;
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
 * <p><b>Why a ring buffer per cluster.</b> A watch resumes "after version N", so each cluster's plan versions
 * form an append-only sequence read from a position, with a bounded tail kept: exactly what Hazelcast's
 * {@code Ringbuffer} is (sequence-addressed reads, fixed capacity with the oldest overwritten, a head
 * sequence that tells a reader it fell behind, one synchronous backup). An IMap keyed by (cluster, version)
 * would need its own trimming and could not tell "too old" from "missing". The ring holds what each version
 * changed ({@link StoredPlan}), a few KiB, never the whole plan. The leader appends each new version, then bumps
 * the small {@code plan-versions} map; every member listens to that map (a few bytes per change) and wakes
 * its local watches of that cluster, which read what they miss from the ring. Versions in a ring are
 * consecutive, so version {@code v} sits at sequence {@code tail - (tailVersion - v)}; a read that finds
 * another version there (history lost with two members) falls back to a resync, never to a gap.
 *
 * <p><b>Whole plans</b> (a watch from 0, a resync, {@code GET .../plan}) are assembled from the shared pieces
 * in {@link HubState#PLAN_CONTENT}, as of the newest committed run: the cluster's own part picks its variant of
 * every service. The pieces are read into a member-local {@link ContentView} once per committed run, so 255
 * watches starting together read them once; the view is softly held, so an idle member can give it back.
 *
 * <p>The newest version read per cluster is cached, so the watches of one cluster on one member read each
 * version from the ring once.
 */
public final class PlanFeed implements AutoCloseable {
    private static final int SNAPSHOT_ATTEMPTS = 100;
    private static final long SNAPSHOT_RETRY_MILLIS = 20;

    private final HubState state;
    private final SealedMap<String, Long> versions;
    private final Map<String, Long> latest = new ConcurrentHashMap<>();
    private final Map<String, Set<LongConsumer>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, StoredPlan> newestRead = new ConcurrentHashMap<>();
    private final UUID listener;
    private final Object viewLock = new Object();
    private SoftReference<ContentView> view = new SoftReference<>(null);

    /** What a watch after some version gets. */
    public sealed interface Catchup permits Versions, Resync, Nothing {
    }

    /** The versions after the asked one, consecutive, oldest first; none of them a resync. */
    public record Versions(List<StoredPlan> plans) implements Catchup {
    }

    /** The whole current plan, replacing everything: the versions in between are not all held as deltas. */
    public record Resync(Snapshot snapshot) implements Catchup {
    }

    /** Nothing newer than the asked version. */
    public record Nothing() implements Catchup {
    }

    /**
     * A whole plan as encoded pieces: the JSON of each part, and of each import (sorted by service).
     */
    public record Snapshot(String clusterId, long version, byte[] exportStatus, byte[] interconnect,
                           byte[] gatewayPeers, List<byte[]> imports) {
        /** The plan's JSON with the imports {@code from} (inclusive) to {@code to} (exclusive). */
        public byte[] json(int from, int to) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + (to - from) * 512);
            out.writeBytes(("{\"clusterId\":\"" + clusterId + "\",\"version\":" + version + ",\"imports\":")
                    .getBytes(StandardCharsets.UTF_8));
            writeArray(out, imports.subList(from, to));
            out.writeBytes(",\"exportStatus\":".getBytes(StandardCharsets.UTF_8));
            out.writeBytes(exportStatus);
            out.writeBytes(",\"interconnect\":".getBytes(StandardCharsets.UTF_8));
            out.writeBytes(interconnect);
            out.writeBytes(",\"gatewayPeers\":".getBytes(StandardCharsets.UTF_8));
            out.writeBytes(gatewayPeers);
            out.write('}');
            return out.toByteArray();
        }

        /** The whole plan's JSON. */
        public byte[] json() {
            return json(0, imports.size());
        }

        /** A JSON array of encoded elements. */
        public static void writeArray(ByteArrayOutputStream out, List<byte[]> elements) {
            out.write('[');
            for (int i = 0; i < elements.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.writeBytes(elements.get(i));
            }
            out.write(']');
        }
    }

    /** Starts listening to plan versions in {@code state}. */
    public PlanFeed(HubState state) {
        this.state = state;
        this.versions = state.planVersions();
        this.listener = versions.listen(this::advance, true);
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
     * plan; from a version the history still holds as deltas, every version after it; otherwise a resync.
     * Blocks on Hazelcast: call it off event loops.
     */
    public Catchup catchUp(String clusterId, long after) throws InterruptedException {
        StoredPlan cached = newestRead.get(clusterId);
        if (after > 0 && cached != null && cached.version() == after + 1 && latest(clusterId) == cached.version()
                && !cached.resync()) {
            return new Versions(List.of(cached));
        }
        SealedRing<StoredPlan> ring = state.history(clusterId);
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
            return resync(clusterId);
        }
        long count = tail.version() - after;
        if (count == 1) {
            return tail.resync() ? resync(clusterId) : new Versions(List.of(tail));
        }
        long firstSeq = tailSeq - count + 1;
        if (firstSeq < ring.headSequence()) {
            return resync(clusterId);
        }
        List<StoredPlan> read;
        try {
            read = ring.readMany(firstSeq, (int) count);
        } catch (java.util.concurrent.ExecutionException e) {
            // overwritten between the head check and the read: the versions are gone
            return resync(clusterId);
        }
        List<StoredPlan> plans = consecutive(read, after + 1);
        return plans == null ? resync(clusterId) : new Versions(plans);
    }

    private Catchup resync(String clusterId) throws InterruptedException {
        Snapshot snapshot = snapshot(clusterId);
        return snapshot == null ? new Nothing() : new Resync(snapshot);
    }

    /**
     * The whole plan of {@code clusterId} at its newest version, null when it has none. Blocks on Hazelcast.
     *
     * @throws IllegalStateException when no consistent plan could be read (pieces changing faster than read)
     */
    public Snapshot snapshot(String clusterId) throws InterruptedException {
        for (int attempt = 0; attempt < SNAPSHOT_ATTEMPTS; attempt++) {
            long committed = state.committedRun();
            StoredPlan tail = state.newestPlan(clusterId);
            if (tail == null) {
                return null;
            }
            if (tail.run() <= committed) {
                // the tail is the cluster's newest committed version: its plan is the pieces as of `committed`
                Snapshot snapshot = view(committed, attempt > 0).assemble(clusterId, tail.version(), committed);
                if (snapshot != null) {
                    return snapshot;
                }
            }
            // a run is being stored, or pieces changed twice while read: read again shortly
            Thread.sleep(SNAPSHOT_RETRY_MILLIS);
        }
        throw new IllegalStateException("cluster " + clusterId + ": no consistent plan after " + SNAPSHOT_ATTEMPTS
                + " attempts (plans changing faster than they can be read)");
    }

    private ContentView view(long committed, boolean fresh) {
        synchronized (viewLock) {
            ContentView held = view.get();
            if (held == null || held.readAfter() < committed || fresh) {
                held = ContentView.read(state.planContent(), committed);
                view = new SoftReference<>(held);
            }
            return held;
        }
    }

    /** The plans read, when they are the versions from {@code firstVersion} on; null otherwise (or one was refused). */
    private static List<StoredPlan> consecutive(List<StoredPlan> read, long firstVersion) {
        List<StoredPlan> plans = new ArrayList<>(read.size());
        long expected = firstVersion;
        for (StoredPlan plan : read) {
            if (plan == null || plan.version() != expected || plan.resync()) {
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
        versions.unlisten(listener);
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
}
