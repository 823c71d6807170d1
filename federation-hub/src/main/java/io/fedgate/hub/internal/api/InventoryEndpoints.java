package io.fedgate.hub.internal.api;

import io.fedgate.api.codec.DocumentCodec;
import io.fedgate.api.codec.FederationCodecs;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.InventoryDelta;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.hub.internal.access.Operation;
import io.fedgate.hub.internal.state.InventoryGeneration;
import io.fedgate.hub.internal.state.InventoryStore;
import io.fedgate.hub.planning.PlanningException;
import io.fedgate.hub.planning.PlanningInput;
import io.fedgate.hub.planning.TransitAllocations;
import io.fedgate.hubclient.protocol.HeartbeatAck;
import io.fedgate.hubclient.protocol.HubApi;
import io.fedgate.hubclient.protocol.InventoryAck;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inventory writes ({@code PUT} snapshot, {@code PATCH} delta), reads, and heartbeats. A write is checked
 * at the door in this order, and nothing is stored unless all pass: the caller is the cluster's agent (403);
 * the cluster was not removed (403); the document parses and validates (400, with every problem's path); it
 * names the path's cluster (400); the planner would accept it (400, naming the field); its generation fits
 * (409 with the held generation).
 */
final class InventoryEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(InventoryEndpoints.class);

    private final HubServices hub;
    private final Requests requests;
    private final DocumentCodec<ClusterInventory> inventoryCodec =
            FederationCodecs.clusterInventory().withMaxDocumentBytes(HubApi.DEFAULT_MAX_BODY_BYTES);
    private final DocumentCodec<InventoryDelta> deltaCodec =
            FederationCodecs.inventoryDelta().withMaxDocumentBytes(HubApi.DEFAULT_MAX_BODY_BYTES);

    InventoryEndpoints(HubServices hub, Requests requests) {
        this.hub = hub;
        this.requests = requests;
    }

    Reply put(RoutingContext ctx) {
        String clusterId = Requests.clusterId(ctx);
        SpiffeId caller = requests.authorize(ctx, Operation.WRITE_INVENTORY, clusterId);
        requests.checkNotRemoved(clusterId);
        ClusterInventory inventory = Requests.decode(() -> inventoryCodec.decode(Requests.body(ctx)));
        requireSameCluster("clusterId", inventory.clusterId(), clusterId);
        return written(caller, "inventory.put", clusterId, hub.inventories().put(inventory, InventoryEndpoints::plannable));
    }

    Reply patch(RoutingContext ctx) {
        String clusterId = Requests.clusterId(ctx);
        SpiffeId caller = requests.authorize(ctx, Operation.WRITE_INVENTORY, clusterId);
        requests.checkNotRemoved(clusterId);
        InventoryDelta delta = Requests.decode(() -> deltaCodec.decode(Requests.body(ctx)));
        requireSameCluster("clusterId", delta.clusterId(), clusterId);
        return written(caller, "inventory.patch", clusterId, hub.inventories().patch(delta, InventoryEndpoints::plannable));
    }

    Reply get(RoutingContext ctx) {
        String clusterId = Requests.clusterId(ctx);
        requests.authorize(ctx, Operation.READ_INVENTORY, clusterId);
        var stored = hub.state().inventories().get(clusterId);
        if (stored == null) {
            throw ApiException.notFound("the hub holds no inventory of cluster " + clusterId);
        }
        return Requests.rawJson(stored.json());
    }

    Reply heartbeat(RoutingContext ctx) {
        String clusterId = Requests.clusterId(ctx);
        requests.authorize(ctx, Operation.HEARTBEAT, clusterId);
        requests.checkNotRemoved(clusterId);
        hub.inventories().renewLease(clusterId);
        Long generation = hub.state().inventories().readOnOwner(clusterId, new InventoryGeneration());
        return requests.json(200, new HeartbeatAck(clusterId, generation,
                hub.clock().instant().plus(hub.config().leaseDuration())));
    }

    private Reply written(SpiffeId caller, String action, String clusterId, InventoryStore.Outcome outcome) {
        if (outcome instanceof InventoryStore.Written written) {
            String change = InventoryChange.describe(written.previous(), written.current());
            LOG.info("cluster {}: inventory {}", clusterId, change);
            hub.audit().append(caller.toString(), action, clusterId, change);
            return requests.json(200, new InventoryAck(clusterId, written.current().generation(), true));
        }
        if (outcome instanceof InventoryStore.Unchanged unchanged) {
            return requests.json(200, new InventoryAck(clusterId, unchanged.generation(), false));
        }
        InventoryStore.Conflict conflict = (InventoryStore.Conflict) outcome;
        LOG.info("cluster {}: inventory write refused: {}", clusterId, conflict.reason());
        throw ApiException.generationConflict(conflict.reason(), conflict.currentGeneration());
    }

    private static void requireSameCluster(String field, String inDocument, String inPath) {
        if (!inDocument.equals(inPath)) {
            throw ApiException.badRequest(field + ": \"" + inDocument + "\" does not match the cluster in the path, \""
                    + inPath + "\"");
        }
    }

    /** The inventory, when the planner would accept it; a 400 naming the field otherwise. */
    private static ClusterInventory plannable(ClusterInventory inventory) {
        try {
            new PlanningInput(List.of(inventory), Set.of(), TransitAllocations.EMPTY,
                    PlanningInput.DEFAULT_TRANSIT_SWITCH_COUNT);
            return inventory;
        } catch (PlanningException e) {
            throw ApiException.badRequest(e.getMessage().replaceFirst("^inventories\\[0\\]\\.", ""));
        }
    }
}
