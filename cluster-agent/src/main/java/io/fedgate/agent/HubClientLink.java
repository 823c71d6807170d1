package io.fedgate.agent;

import io.fedgate.agent.spi.HubEvents;
import io.fedgate.agent.spi.HubLink;
import io.fedgate.agent.spi.HubLinkException;
import io.fedgate.agent.spi.PlanWatch;
import io.fedgate.agent.spi.SendResult;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.InventoryDelta;
import io.fedgate.api.pki.RotationPolicy;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.hubclient.CertificateRenewal;
import io.fedgate.hubclient.GenerationConflictException;
import io.fedgate.hubclient.HubClient;
import io.fedgate.hubclient.HubClientException;
import io.fedgate.hubclient.HubRequestException;
import io.fedgate.hubclient.MovablePlanWatch;
import io.fedgate.hubclient.PlanListener;
import io.fedgate.hubclient.protocol.HeartbeatAck;
import io.fedgate.hubclient.protocol.InventoryAck;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's {@link HubLink} over the hub's mutual-TLS API, through a {@link HubClient} that already holds
 * this cluster's agent certificate (joining is the caller's business: {@code fedgate agent} joins with its token
 * on first start and then loads the certificate from its cert dir).
 *
 * <p>A 409 on an inventory write becomes {@link SendResult.Outcome#SNAPSHOT_REQUIRED}; a heartbeat answer saying
 * the hub holds no inventory for this cluster (it lost its state) asks the open plan watch's listener for a
 * snapshot; every other failure becomes a {@link HubLinkException} naming the call.
 *
 * <p>Built with {@link #renewing}, the link renews its certificate before expiry ({@link CertificateRenewal}) and
 * moves to a client presenting the new one: calls use it at once, and the plan watch is reopened on it from the
 * last version delivered (the agent sees a reconnection and resends its inventory; no plan is lost or repeated).
 */
public final class HubClientLink implements HubLink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HubClientLink.class);

    private final String clusterId;
    private final AtomicReference<HubEvents> watching = new AtomicReference<>();
    private final AtomicReference<LinkWatch> openWatch = new AtomicReference<>();
    private volatile HubClient client;
    private volatile CertificateRenewal renewal;

    /**
     * @param client    a client presenting this cluster's agent certificate; closed by {@link #close()}
     * @param clusterId this cluster's id, as in the certificate
     */
    public HubClientLink(HubClient client, String clusterId) {
        if (client == null || clusterId == null) {
            throw new IllegalArgumentException("client and clusterId are required (clusterId: " + clusterId + ")");
        }
        this.client = client;
        this.clusterId = clusterId;
    }

    @Override
    public String clusterSet() {
        return client.clusterSet();
    }

    /**
     * A link that renews its certificate when {@code policy} says it is due.
     *
     * @param client   a client presenting {@code material}, this cluster's agent certificate
     * @param material the certificate as saved in {@code certDir}, where renewed ones are saved too
     */
    public static HubClientLink renewing(HubClient client, TlsMaterial material, Path certDir, RotationPolicy policy,
                                         Clock clock, String clusterId) {
        HubClientLink link = new HubClientLink(client, clusterId);
        link.renewal = new CertificateRenewal(client, material, certDir, policy, clock, link::renewed).start();
        return link;
    }

    /** The certificate this link presents now. */
    public TlsMaterial material() {
        return renewal == null ? null : renewal.material();
    }

    private void renewed(HubClient next) {
        client = next;
        LinkWatch watch = openWatch.get();
        if (watch != null) {
            watch.openOn(next);
        }
    }

    @Override
    public SendResult sendSnapshot(ClusterInventory inventory) throws HubLinkException {
        try {
            InventoryAck ack = client.putInventory(inventory);
            return SendResult.accepted(ack.generation());
        } catch (GenerationConflictException e) {
            return snapshotRequired(e);
        } catch (HubClientException e) {
            throw failed("PUT inventory generation " + inventory.generation(), e);
        }
    }

    @Override
    public SendResult sendDelta(InventoryDelta delta) throws HubLinkException {
        try {
            InventoryAck ack = client.patchInventory(delta);
            return SendResult.accepted(ack.generation());
        } catch (GenerationConflictException e) {
            return snapshotRequired(e);
        } catch (HubClientException e) {
            throw failed("PATCH inventory " + delta.baseGeneration() + " -> " + delta.generation(), e);
        }
    }

    @Override
    public void heartbeat() throws HubLinkException {
        HeartbeatAck ack;
        try {
            ack = client.heartbeat(clusterId);
        } catch (HubClientException e) {
            throw failed("heartbeat", e);
        }
        HubEvents events = watching.get();
        if (ack.inventoryGeneration() == null && events != null) {
            events.snapshotRequested("cluster " + clusterId + ": the hub's heartbeat answer holds no inventory");
        }
    }

    @Override
    public PlanWatch watchPlans(long fromVersion, HubEvents events) {
        watching.set(events);
        LinkWatch watch = new LinkWatch(client, events, fromVersion);
        openWatch.set(watch);
        return () -> {
            watching.compareAndSet(events, null);
            openWatch.compareAndSet(watch, null);
            watch.close();
        };
    }

    /**
     * One plan watch of the agent over the hub client's watches, moved to the new client after a renewal
     * ({@link MovablePlanWatch}); the hub client's events become the agent's {@link HubEvents}.
     */
    private final class LinkWatch {
        private final MovablePlanWatch stream;

        LinkWatch(HubClient on, HubEvents events, long fromVersion) {
            this.stream = new MovablePlanWatch(on, clusterId, fromVersion, listener(events));
        }

        void openOn(HubClient on) {
            stream.moveTo(on);
        }

        void close() {
            stream.close();
        }

        private PlanListener listener(HubEvents events) {
            return new PlanListener() {
                @Override
                public void onPlan(ClusterPlan plan, boolean resync) {
                    events.planReceived(plan);
                }

                @Override
                public void onConnected(URI hub) {
                    events.connected();
                }

                @Override
                public void onDisconnected(URI hub, Exception cause) {
                    events.disconnected("plan watch of cluster " + clusterId + " to " + hub + " ended: "
                            + (cause == null ? "closed" : cause.getMessage()));
                }

                @Override
                public void onRejected(HubRequestException refusal) {
                    LOG.warn("cluster {}: the hub refused the plan watch: {}", clusterId, refusal.getMessage());
                    events.disconnected("plan watch of cluster " + clusterId + " refused: " + refusal.getMessage());
                }
            };
        }
    }

    /** Stops renewing and closes the client. */
    @Override
    public void close() {
        if (renewal != null) {
            renewal.close();
        } else {
            client.close();
        }
    }

    private SendResult snapshotRequired(GenerationConflictException e) {
        Long held = e.currentGeneration();
        return SendResult.snapshotRequired(held == null ? -1 : held, e.getMessage());
    }

    private HubLinkException failed(String call, HubClientException e) {
        return new HubLinkException("cluster " + clusterId + ": " + call + " to " + client.hubs() + " failed: "
                + e.getMessage(), e);
    }
}
