package io.fedgate.agent.internal;

import io.fedgate.agent.internal.model.InventoryTracker;
import io.fedgate.agent.internal.model.LocalInventory;
import io.fedgate.agent.spi.HubLink;
import io.fedgate.agent.spi.HubLinkException;
import io.fedgate.agent.spi.SendResult;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.InventoryDelta;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the hub's copy of this cluster's inventory up to date: a full snapshot after every (re)connection,
 * after a failed send and whenever the hub asks for one; deltas otherwise. Nothing is sent while the plan watch
 * is down: the next connection sends a snapshot anyway. Used from the agent's thread only.
 */
final class HubSync {
    private static final Logger LOG = LoggerFactory.getLogger(HubSync.class);
    /** Sends in one {@link #offer} when the hub keeps asking for a snapshot (it restarted mid-way). */
    private static final int MAX_ATTEMPTS = 3;

    private final String clusterId;
    private final HubLink link;
    private final Clock clock;
    private final AgentMetrics metrics;
    private final InventoryTracker tracker;
    private boolean connected;
    private boolean snapshotNeeded = true;
    private long generationFloor;

    HubSync(String clusterId, HubLink link, Clock clock, AgentMetrics metrics) {
        this.clusterId = clusterId;
        this.link = link;
        this.clock = clock;
        this.metrics = metrics;
        this.tracker = new InventoryTracker(clusterId);
    }

    /** The watch is live: the next offer sends a full snapshot. */
    void connected() {
        connected = true;
        snapshotNeeded = true;
    }

    /** The watch is down: hold everything until it is back. */
    void disconnected() {
        connected = false;
    }

    /** True while the plan watch is live. */
    boolean isConnected() {
        return connected;
    }

    /** The hub asked for a snapshot. */
    void snapshotRequested() {
        snapshotNeeded = true;
    }

    /**
     * Sends what the hub lacks of {@code local}.
     *
     * @return false when something is still pending and the caller should retry later
     */
    boolean offer(LocalInventory local) {
        if (snapshotNeeded || tracker.accepted() == null || tracker.delta(local) != null) {
            metrics.inventoryPending();
        }
        if (!connected) {
            return true;
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            try {
                if (send(local)) {
                    metrics.inventoryAccepted();
                    return true;
                }
            } catch (HubLinkException e) {
                // the hub may or may not have applied it: only a full snapshot is certain to be right
                snapshotNeeded = true;
                LOG.warn("cluster {}: inventory not delivered: {}; retrying with a snapshot", clusterId, e.getMessage());
                return false;
            }
        }
        return false;
    }

    /** One send; true when the hub holds {@code local} afterwards. */
    private boolean send(LocalInventory local) throws HubLinkException {
        if (snapshotNeeded || tracker.accepted() == null) {
            ClusterInventory snapshot = tracker.snapshot(local, Math.max(clock.millis(), generationFloor));
            SendResult result = link.sendSnapshot(snapshot);
            if (result.outcome() == SendResult.Outcome.ACCEPTED) {
                tracker.accept(snapshot);
                snapshotNeeded = false;
                LOG.info("cluster {}: hub accepted inventory snapshot at generation {} ({} exports)", clusterId,
                        snapshot.generation(), snapshot.exports().size());
                return true;
            }
            refused(result, "snapshot at generation " + snapshot.generation());
            return false;
        }
        InventoryDelta delta = tracker.delta(local);
        if (delta == null) {
            return true;
        }
        SendResult result = link.sendDelta(delta);
        if (result.outcome() == SendResult.Outcome.ACCEPTED) {
            tracker.accept(delta);
            LOG.debug("cluster {}: hub accepted inventory delta {} -> {} ({} upserts, {} removals{})", clusterId,
                    delta.baseGeneration(), delta.generation(), delta.upserts().size(), delta.removals().size(),
                    delta.network() != null ? ", network" : "");
            return true;
        }
        refused(result, "delta " + delta.baseGeneration() + " -> " + delta.generation());
        return false;
    }

    private void refused(SendResult result, String what) {
        snapshotNeeded = true;
        if (result.hubGeneration() >= 0) {
            generationFloor = Math.max(generationFloor, result.hubGeneration() + 1);
        }
        LOG.info("cluster {}: hub wants a snapshot instead of inventory {}: {}", clusterId, what, result.reason());
    }
}
