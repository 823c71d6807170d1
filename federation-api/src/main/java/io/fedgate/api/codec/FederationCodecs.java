package io.fedgate.api.codec;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.InventoryDelta;
import io.fedgate.api.model.PlanDelta;

/**
 * The JSON codecs of the documents fedgate components exchange. Each call builds a codec with the
 * default limits ({@link DocumentCodec#withMaxDocumentBytes} gives another size limit); codecs are
 * immutable and thread-safe, so build one per kind and share it.
 */
public final class FederationCodecs {
    private FederationCodecs() {
    }

    /** Agent to hub: a full inventory snapshot. */
    public static DocumentCodec<ClusterInventory> clusterInventory() {
        return DocumentCodec.of("ClusterInventory", ModelReaders::clusterInventory);
    }

    /** Agent to hub: a change on top of an inventory generation. */
    public static DocumentCodec<InventoryDelta> inventoryDelta() {
        return DocumentCodec.of("InventoryDelta", ModelReaders::inventoryDelta);
    }

    /** Hub to agent and gateways: what changed in one cluster's plan from one version to the next. */
    public static DocumentCodec<PlanDelta> planDelta() {
        return DocumentCodec.of("PlanDelta", ModelReaders::planDelta);
    }

    /** Hub to agent and gateways: what one cluster should do. */
    public static DocumentCodec<ClusterPlan> clusterPlan() {
        return DocumentCodec.of("ClusterPlan", ModelReaders::clusterPlan);
    }
}
