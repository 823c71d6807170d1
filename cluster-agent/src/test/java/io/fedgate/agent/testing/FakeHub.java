package io.fedgate.agent.testing;

import io.fedgate.agent.spi.HubEvents;
import io.fedgate.agent.spi.HubLink;
import io.fedgate.agent.spi.HubLinkException;
import io.fedgate.agent.spi.PlanWatch;
import io.fedgate.agent.spi.SendResult;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.InventoryDelta;
import io.fedgate.hub.planning.FederationPlan;
import io.fedgate.hub.planning.FederationPlanner;
import io.fedgate.hub.planning.PlanningInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the hub, for tests of agents alone: it keeps each cluster's inventory (refusing stale
 * generations like the hub), plans the whole set with the hub's real pure planner
 * ({@link FederationPlanner}) after every accepted change, stamps a new version on each plan whose content
 * changed, and delivers plans to the clusters' watches in version order on one thread. It can be taken
 * {@link #down()} (sends throw, watches report the loss) and brought {@link #up()} again (watches reconnect
 * and get the newest plan). It has no network, identity or persistence: the real hub client and hub are tested
 * elsewhere.
 */
public final class FakeHub implements AutoCloseable {
    private final FederationPlanner planner = new FederationPlanner();
    private final Map<String, ClusterInventory> inventories = new TreeMap<>();
    private final Map<String, ClusterPlan> plans = new TreeMap<>();
    private final Map<String, FakeHubLink> links = new TreeMap<>();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-hub-delivery");
        t.setDaemon(true);
        return t;
    });
    private long nextVersion = 1;
    private boolean up = true;

    /** The link of {@code clusterId}'s agent (one per cluster; a restarted agent gets the same one). */
    public synchronized FakeHubLink link(String clusterId) {
        return links.computeIfAbsent(clusterId, FakeHubLink::new);
    }

    /** The inventory the hub holds for {@code clusterId}, or null. */
    public synchronized ClusterInventory inventory(String clusterId) {
        return inventories.get(clusterId);
    }

    /** The newest plan of {@code clusterId}, or null. */
    public synchronized ClusterPlan plan(String clusterId) {
        return plans.get(clusterId);
    }

    /** The hub becomes unreachable: every send fails, every watch reports the loss. */
    public synchronized void down() {
        up = false;
        links.values().forEach(link -> link.deliver(w -> w.events.disconnected("fake hub is down")));
    }

    /** The hub is back: watches reconnect and get the newest plan they lack. */
    public synchronized void up() {
        up = true;
        links.values().forEach(link -> link.deliver(w -> {
            w.events.connected();
            deliverNewest(link.clusterId, w);
        }));
    }

    private synchronized SendResult snapshot(ClusterInventory inventory) throws HubLinkException {
        requireUp();
        ClusterInventory held = inventories.get(inventory.clusterId());
        if (held != null && inventory.generation() <= held.generation()) {
            return SendResult.snapshotRequired(held.generation(), "generation " + inventory.generation()
                    + " is not above " + held.generation());
        }
        inventories.put(inventory.clusterId(), inventory);
        replan();
        return SendResult.accepted(inventory.generation());
    }

    private synchronized SendResult delta(InventoryDelta delta) throws HubLinkException {
        requireUp();
        ClusterInventory held = inventories.get(delta.clusterId());
        if (held == null || held.generation() != delta.baseGeneration()) {
            return SendResult.snapshotRequired(held == null ? -1 : held.generation(), "base generation "
                    + delta.baseGeneration() + " is not the hub's");
        }
        inventories.put(delta.clusterId(), delta.applyTo(held));
        replan();
        return SendResult.accepted(delta.generation());
    }

    private void replan() {
        FederationPlan federation = planner.plan(PlanningInput.of(inventories.values()));
        for (ClusterPlan fresh : federation.clusterPlans()) {
            ClusterPlan held = plans.get(fresh.clusterId());
            if (held == null || !held.withVersion(0).equals(fresh)) {
                ClusterPlan stamped = fresh.withVersion(nextVersion++);
                plans.put(fresh.clusterId(), stamped);
                FakeHubLink link = links.get(fresh.clusterId());
                if (link != null && up) {
                    link.deliver(w -> deliverNewest(fresh.clusterId(), w));
                }
            }
        }
    }

    private void deliverNewest(String clusterId, Watch watch) {
        ClusterPlan newest;
        synchronized (this) {
            newest = plans.get(clusterId);
        }
        if (newest != null && newest.version() > watch.delivered) {
            watch.delivered = newest.version();
            watch.events.planReceived(newest);
        }
    }

    private void requireUp() throws HubLinkException {
        if (!up) {
            throw new HubLinkException("fake hub is down");
        }
    }

    @Override
    public void close() throws InterruptedException {
        delivery.shutdownNow();
        delivery.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** One open watch. */
    private static final class Watch implements PlanWatch {
        final HubEvents events;
        volatile long delivered;
        volatile boolean closed;

        Watch(HubEvents events, long fromVersion) {
            this.events = events;
            this.delivered = fromVersion;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /**
     * One cluster's {@link HubLink} to the fake hub. It records every inventory and delta the hub accepted,
     * for assertions.
     */
    public final class FakeHubLink implements HubLink {
        private final String clusterId;
        private final List<Object> accepted = new ArrayList<>();
        private final List<Watch> watches = new ArrayList<>();
        private int heartbeats;

        private FakeHubLink(String clusterId) {
            this.clusterId = clusterId;
        }

        @Override
        public SendResult sendSnapshot(ClusterInventory inventory) throws HubLinkException {
            SendResult result = snapshot(inventory);
            record(result, inventory);
            return result;
        }

        @Override
        public SendResult sendDelta(InventoryDelta delta) throws HubLinkException {
            SendResult result = delta(delta);
            record(result, delta);
            return result;
        }

        @Override
        public void heartbeat() throws HubLinkException {
            synchronized (FakeHub.this) {
                requireUp();
                heartbeats++;
            }
        }

        @Override
        public PlanWatch watchPlans(long fromVersion, HubEvents events) {
            Watch watch = new Watch(events, fromVersion);
            synchronized (FakeHub.this) {
                watches.add(watch);
                if (up) {
                    delivery.execute(() -> {
                        if (!watch.closed) {
                            events.connected();
                            deliverNewest(clusterId, watch);
                        }
                    });
                }
            }
            return watch;
        }

        /** Every snapshot and delta the hub accepted from this link, oldest first. */
        public synchronized List<Object> accepted() {
            return List.copyOf(accepted);
        }

        /** The deltas the hub accepted from this link, oldest first. */
        public List<InventoryDelta> acceptedDeltas() {
            return accepted().stream().filter(InventoryDelta.class::isInstance).map(InventoryDelta.class::cast).toList();
        }

        /** How many heartbeats reached the hub. */
        public int heartbeats() {
            synchronized (FakeHub.this) {
                return heartbeats;
            }
        }

        private synchronized void record(SendResult result, Object sent) {
            if (result.outcome() == SendResult.Outcome.ACCEPTED) {
                accepted.add(sent);
            }
        }

        private void deliver(java.util.function.Consumer<Watch> action) {
            List<Watch> open = watches.stream().filter(w -> !w.closed).toList();
            open.forEach(w -> delivery.execute(() -> {
                if (!w.closed) {
                    action.accept(w);
                }
            }));
        }
    }
}
