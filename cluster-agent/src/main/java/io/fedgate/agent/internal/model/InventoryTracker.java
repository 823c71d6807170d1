package io.fedgate.agent.internal.model;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.InventoryDelta;
import io.fedgate.api.model.ServiceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Remembers the inventory the hub last accepted and numbers what comes next: a snapshot, then deltas.
 * Not thread-safe: the agent uses it from its own thread.
 *
 * <h2>Generations</h2>
 * They grow monotonically per cluster, also across agent restarts, without the agent storing anything:
 * a snapshot is numbered {@code max(last + 1, floor)}, where the caller passes the wall clock in
 * milliseconds (and the hub's generation + 1 when the hub named one). A delta is the accepted generation
 * + 1. Deltas are debounced, so an agent sends far fewer than a thousand a second and a restarted agent's
 * first snapshot lands above everything its predecessor sent.
 */
public final class InventoryTracker {
    private final String clusterId;
    private ClusterInventory accepted;

    public InventoryTracker(String clusterId) {
        this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
    }

    /** What the hub last accepted, or null before the first accepted snapshot. */
    public ClusterInventory accepted() {
        return accepted;
    }

    /** A full inventory of {@code local}, numbered above everything sent before and at least {@code floor}. */
    public ClusterInventory snapshot(LocalInventory local, long floor) {
        long last = accepted == null ? 0 : accepted.generation();
        return new ClusterInventory(clusterId, Math.max(last + 1, floor), local.network(), local.exports());
    }

    /**
     * The change from the accepted inventory to {@code local}, or null when nothing changed.
     *
     * @throws IllegalStateException when no snapshot was accepted yet (send {@link #snapshot} first)
     */
    public InventoryDelta delta(LocalInventory local) {
        if (accepted == null) {
            throw new IllegalStateException("cluster " + clusterId + ": no accepted snapshot to base a delta on");
        }
        Map<ServiceKey, ExportedService> before = byKey(accepted.exports());
        Map<ServiceKey, ExportedService> after = byKey(local.exports());
        List<ExportedService> upserts = new ArrayList<>();
        after.forEach((key, export) -> {
            if (!export.equals(before.get(key))) {
                upserts.add(export);
            }
        });
        List<ServiceKey> removals = before.keySet().stream().filter(key -> !after.containsKey(key)).toList();
        boolean networkChanged = !local.network().equals(accepted.network());
        if (upserts.isEmpty() && removals.isEmpty() && !networkChanged) {
            return null;
        }
        return new InventoryDelta(clusterId, accepted.generation(), accepted.generation() + 1,
                networkChanged ? local.network() : null, upserts, removals);
    }

    /** The hub stored {@code snapshot}. */
    public void accept(ClusterInventory snapshot) {
        accepted = snapshot;
    }

    /**
     * The hub stored {@code delta} on top of the accepted inventory.
     *
     * @throws IllegalArgumentException when {@code delta} is not based on the accepted generation
     */
    public void accept(InventoryDelta delta) {
        if (accepted == null) {
            throw new IllegalStateException("cluster " + clusterId + ": delta accepted without a snapshot");
        }
        accepted = delta.applyTo(accepted);
    }

    private static Map<ServiceKey, ExportedService> byKey(List<ExportedService> exports) {
        Map<ServiceKey, ExportedService> map = new TreeMap<>();
        exports.forEach(e -> map.put(e.service(), e));
        return map;
    }
}
