package io.fedgate.hub.it;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.PemFiles;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.hubclient.GenerationConflictException;
import io.fedgate.hubclient.HubClient;
import io.fedgate.hubclient.HubClientException;
import io.fedgate.hubclient.PlanWatch;
import io.fedgate.hubclient.protocol.HeartbeatAck;
import io.fedgate.hubclient.protocol.InventoryAck;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A cluster agent as far as the hub can tell: a real {@link HubClient} with a certificate obtained by joining,
 * sending inventories, heartbeating every second, and resending its snapshot when the hub says it holds none
 * (after a total hub loss) or refuses a generation.
 */
final class SimulatedAgent implements AutoCloseable {
    private final String clusterId;
    private final HubClient client;
    private final AtomicReference<ClusterInventory> current = new AtomicReference<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
    private final RecordingPlanListener plans = new RecordingPlanListener();
    private volatile boolean heartbeating = true;
    private PlanWatch watch;

    private SimulatedAgent(String clusterId, HubClient client) {
        this.clusterId = clusterId;
        this.client = client;
    }

    /** Creates a token as the admin, joins with it into {@code certDir}, and starts heartbeating. */
    static SimulatedAgent join(List<URI> hubs, HubClient admin, String clusterId, Path certDir) {
        String token = admin.createToken(clusterId, Component.AGENT, null).token();
        HubClient bootstrap = HubClient.builder().hubs(hubs)
                .trustAnchors(PemFiles.parseCertificates(admin.ca().certificate(), "ca")).build();
        TlsMaterial material = bootstrap.join(token,
                SpiffeId.cluster(HubMembers.CLUSTER_SET, clusterId, Component.AGENT), certDir);
        HubClient client = HubClient.builder().hubs(hubs).identity(material)
                .watchIdleTimeout(Duration.ofSeconds(4)).requestTimeout(Duration.ofSeconds(30))
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofSeconds(1)).build();
        SimulatedAgent agent = new SimulatedAgent(clusterId, client);
        agent.heartbeats.scheduleWithFixedDelay(agent::heartbeat, 0, 1, TimeUnit.SECONDS);
        return agent;
    }

    String clusterId() {
        return clusterId;
    }

    HubClient client() {
        return client;
    }

    RecordingPlanListener plans() {
        return plans;
    }

    /** Sends {@code inventory} as a snapshot and remembers it for resends. */
    InventoryAck put(ClusterInventory inventory) {
        InventoryAck ack = client.putInventory(inventory);
        current.set(inventory);
        return ack;
    }

    /**
     * Sends the current inventory changed by {@code change} at the next generation; when the hub holds that
     * generation already (an earlier write applied whose answer was lost), at the one after the hub's.
     */
    InventoryAck change(UnaryOperator<ClusterInventory> change) {
        ClusterInventory base = current.get();
        ClusterInventory next = change.apply(base);
        try {
            return put(new ClusterInventory(clusterId, base.generation() + 1, next.network(), next.exports()));
        } catch (GenerationConflictException e) {
            long held = e.currentGeneration() == null ? 0 : e.currentGeneration();
            return put(new ClusterInventory(clusterId, Math.max(held, base.generation()) + 1, next.network(),
                    next.exports()));
        }
    }

    ClusterInventory inventory() {
        return current.get();
    }

    /** Starts watching the cluster's plans from the beginning. */
    RecordingPlanListener watch() {
        watch = client.watchPlan(clusterId, 0, plans);
        return plans;
    }

    PlanWatch planWatch() {
        return watch;
    }

    /** Stops (or resumes) heartbeats, to let the lease expire. */
    void heartbeating(boolean on) {
        heartbeating = on;
    }

    private void heartbeat() {
        if (!heartbeating) {
            return;
        }
        try {
            HeartbeatAck ack = client.heartbeat(clusterId);
            ClusterInventory inventory = current.get();
            if (inventory != null && (ack.inventoryGeneration() == null
                    || ack.inventoryGeneration() < inventory.generation())) {
                resend(inventory);
            }
        } catch (HubClientException e) {
            // hub members restarting: the next heartbeat tries again
        }
    }

    private void resend(ClusterInventory inventory) {
        try {
            client.putInventory(inventory);
        } catch (GenerationConflictException e) {
            long next = Math.max(inventory.generation(), e.currentGeneration() == null ? 0 : e.currentGeneration()) + 1;
            ClusterInventory bumped = new ClusterInventory(clusterId, next, inventory.network(), inventory.exports());
            client.putInventory(bumped);
            current.set(bumped);
        }
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        client.close();
    }
}
