package io.fedgate.hub.internal.state;

import io.fedgate.hub.internal.sealing.SealedMap;
import io.fedgate.api.codec.DocumentCodec;
import io.fedgate.api.codec.FederationCodecs;
import io.fedgate.api.codec.WireNames;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.InventoryDelta;
import java.time.Clock;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Inventory writes with generation rules, made atomic per cluster by compare-and-set on the inventory map
 * (an agent is its cluster's only writer, so a retry is rare):
 * <ul>
 *   <li>a snapshot at a generation above the held one replaces it; at the same generation with the same
 *       content it is a no-op (a retried request); anything else is stale;</li>
 *   <li>a delta applies only on top of exactly its base generation; otherwise the agent must send a snapshot.</li>
 * </ul>
 * Writing also renews the cluster's lease.
 */
public final class InventoryStore {
    private final SealedMap<String, StoredInventory> inventories;
    private final SealedMap<String, Long> leases;
    private final Clock clock;
    private final DocumentCodec<ClusterInventory> codec = FederationCodecs.clusterInventory();

    /** What a write did. */
    public sealed interface Outcome permits Written, Unchanged, Conflict {
    }

    /**
     * Stored.
     *
     * @param previous the inventory it replaced, null when the cluster had none
     */
    public record Written(ClusterInventory previous, ClusterInventory current) implements Outcome {
    }

    /** The hub already held exactly this generation and content. */
    public record Unchanged(long generation) implements Outcome {
    }

    /**
     * Refused for its generation; nothing changed.
     *
     * @param currentGeneration the generation held, null when none
     * @param reason            what was wrong, naming both generations
     */
    public record Conflict(Long currentGeneration, String reason) implements Outcome {
    }

    /** Inventories and leases in {@code state}, written at {@code clock}'s time. */
    public InventoryStore(HubState state, Clock clock) {
        this.inventories = state.inventories();
        this.leases = state.leases();
        this.clock = clock;
    }

    /** The inventory held for {@code clusterId}, or null. */
    public ClusterInventory get(String clusterId) {
        StoredInventory stored = inventories.get(clusterId);
        return stored == null ? null : decode(stored);
    }

    /**
     * Stores a snapshot; {@code check} validates it (and throws) before anything is written.
     */
    public Outcome put(ClusterInventory inventory, UnaryOperator<ClusterInventory> check) {
        String id = inventory.clusterId();
        check.apply(inventory);
        byte[] json = codec.encode(inventory);
        while (true) {
            SealedMap.Held<StoredInventory> sealed = inventories.getHeld(id);
            StoredInventory held = sealed == null ? null : sealed.value();
            if (held != null && inventory.generation() < held.generation()) {
                return new Conflict(held.generation(), "generation " + inventory.generation() + " of cluster " + id
                        + " is older than the held generation " + held.generation() + "; send a newer snapshot");
            }
            if (held != null && inventory.generation() == held.generation()) {
                if (Arrays.equals(held.json(), json)) {
                    renewLease(id);
                    return new Unchanged(held.generation());
                }
                return new Conflict(held.generation(), "generation " + inventory.generation() + " of cluster " + id
                        + " is already held with other content; send a snapshot at a higher generation");
            }
            StoredInventory next = stored(inventory, json);
            // a refused value (forged) is replaced like any other: the agent's snapshot is what counts
            boolean written = sealed == null ? inventories.putIfAbsent(id, next) == null
                    : inventories.replace(id, sealed, next);
            if (written) {
                renewLease(id);
                return new Written(held == null ? null : decode(held), inventory);
            }
        }
    }

    /**
     * Applies a delta; {@code check} validates the resulting inventory (and throws) before it is written.
     */
    public Outcome patch(InventoryDelta delta, UnaryOperator<ClusterInventory> check) {
        String id = delta.clusterId();
        while (true) {
            SealedMap.Held<StoredInventory> sealed = inventories.getHeld(id);
            StoredInventory held = sealed == null ? null : sealed.value();
            if (held == null) {
                return new Conflict(null, "the hub holds no inventory of cluster " + id
                        + "; send a full snapshot");
            }
            if (held.generation() != delta.baseGeneration()) {
                return new Conflict(held.generation(), "delta base generation " + delta.baseGeneration()
                        + " of cluster " + id + " is not the held generation " + held.generation()
                        + "; send a full snapshot");
            }
            ClusterInventory previous = decode(held);
            ClusterInventory next = check.apply(delta.applyTo(previous));
            byte[] json = codec.encode(next);
            if (inventories.replace(id, sealed, stored(next, json))) {
                renewLease(id);
                return new Written(previous, next);
            }
        }
    }

    /** Forgets the cluster's inventory and lease. */
    public void remove(String clusterId) {
        inventories.delete(clusterId);
        leases.delete(clusterId);
    }

    /** Renews the cluster's lease at the clock's time. */
    public void renewLease(String clusterId) {
        leases.set(clusterId, clock.millis());
    }

    private StoredInventory stored(ClusterInventory inventory, byte[] json) {
        return new StoredInventory(inventory.generation(), clock.millis(), inventory.network().region(),
                WireNames.of(inventory.network().kind()), inventory.exports().size(), json);
    }

    /** The inventory in {@code stored}; it was validated when written. */
    public ClusterInventory decode(StoredInventory stored) {
        return codec.decode(stored.json());
    }
}
