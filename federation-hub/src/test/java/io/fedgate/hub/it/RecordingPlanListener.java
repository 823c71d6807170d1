package io.fedgate.hub.it;

import io.fedgate.api.model.ClusterPlan;
import io.fedgate.hubclient.HubRequestException;
import io.fedgate.hubclient.PlanListener;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** Records every plan a watch delivers, with whether it came as a resync, and the hubs it connected to. */
final class RecordingPlanListener implements PlanListener {
    /** One delivery. */
    record Delivery(long version, boolean resync, ClusterPlan plan) {
    }

    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<URI> connections = new ArrayList<>();

    @Override
    public synchronized void onPlan(ClusterPlan plan, boolean resync) {
        deliveries.add(new Delivery(plan.version(), resync, plan));
    }

    @Override
    public synchronized void onConnected(URI hub) {
        connections.add(hub);
    }

    @Override
    public void onRejected(HubRequestException refusal) {
        // the watch retries; tests look at deliveries
    }

    synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    synchronized List<URI> connections() {
        return List.copyOf(connections);
    }

    synchronized ClusterPlan latest() {
        return deliveries.isEmpty() ? null : deliveries.get(deliveries.size() - 1).plan();
    }

    /** Waits until the newest plan delivered satisfies {@code condition}, and returns it. */
    ClusterPlan await(String description, Predicate<ClusterPlan> condition) {
        Awaitility.await(description).atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(20))
                .until(() -> latest() != null && condition.test(latest()));
        return latest();
    }
}
