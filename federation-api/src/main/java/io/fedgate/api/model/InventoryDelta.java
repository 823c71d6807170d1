package io.fedgate.api.model;

import java.util.List;

/**
 * A change to a cluster's inventory, applied on top of {@code baseGeneration} to give {@code generation}.
 *
 * @param network  the new network facts, or null when unchanged
 * @param upserts  exports added or changed (whole records)
 * @param removals exports withdrawn
 */
public record InventoryDelta(String clusterId, long baseGeneration, long generation, ClusterNetwork network,
                             List<ExportedService> upserts, List<ServiceKey> removals) {
    public InventoryDelta {
        upserts = upserts == null ? List.of() : List.copyOf(upserts);
        removals = removals == null ? List.of() : List.copyOf(removals);
    }

    /**
     * The inventory this delta produces from {@code base}.
     *
     * @throws IllegalArgumentException when {@code base} is another cluster or not at {@code baseGeneration}
     */
    public ClusterInventory applyTo(ClusterInventory base) {
        if (!base.clusterId().equals(clusterId)) {
            throw new IllegalArgumentException("delta for cluster " + clusterId + " applied to " + base.clusterId());
        }
        if (base.generation() != baseGeneration) {
            throw new IllegalArgumentException("delta base generation " + baseGeneration
                    + " does not match inventory generation " + base.generation() + " of cluster " + clusterId);
        }
        java.util.Map<ServiceKey, ExportedService> byKey = new java.util.TreeMap<>();
        base.exports().forEach(e -> byKey.put(e.service(), e));
        removals.forEach(byKey::remove);
        upserts.forEach(e -> byKey.put(e.service(), e));
        return new ClusterInventory(clusterId, generation, network != null ? network : base.network(),
                List.copyOf(byKey.values()));
    }
}
