package io.fedgate.gateway;

import io.fedgate.api.model.ClusterPlan;
import io.fedgate.gateway.spi.PlanListener;
import io.fedgate.gateway.spi.PlanSource;
import io.fedgate.hubclient.HubClient;
import io.fedgate.hubclient.HubRequestException;
import io.fedgate.hubclient.PlanWatch;
import java.net.URI;
import java.util.Objects;

/**
 * The cluster's plans from the hub's watch stream ({@link HubClient#watchPlan}), which resumes from the last
 * delivered version across broken streams and hub members. While no stream is open the gateway keeps the plan
 * it has: a lost or refused stream is reported as {@link PlanListener#planUnavailable}.
 */
public final class HubPlanSource implements PlanSource {
    private final HubClient client;
    private final String clusterId;
    private PlanWatch watch;

    /**
     * @param client    a client presenting this cluster's gateway certificate; closed by {@link #close()}
     * @param clusterId the cluster whose plan the gateway serves
     */
    public HubPlanSource(HubClient client, String clusterId) {
        this.client = Objects.requireNonNull(client, "client");
        this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
    }

    @Override
    public synchronized void start(PlanListener listener) {
        if (watch != null) {
            throw new IllegalStateException("plan source " + describe() + " already started");
        }
        Objects.requireNonNull(listener, "listener");
        watch = client.watchPlan(clusterId, 0, new io.fedgate.hubclient.PlanListener() {
            @Override
            public void onPlan(ClusterPlan plan, boolean resync) {
                listener.planUpdated(plan);
            }

            @Override
            public void onDisconnected(URI hub, Exception cause) {
                listener.planUnavailable("plan watch of cluster " + clusterId + " to " + hub + " ended: "
                        + (cause == null ? "closed" : cause.getMessage()));
            }

            @Override
            public void onRejected(HubRequestException refusal) {
                listener.planUnavailable("hub refused the plan watch of cluster " + clusterId + ": "
                        + refusal.getMessage());
            }
        });
    }

    @Override
    public String describe() {
        return "hub " + client.hubs() + " (cluster " + clusterId + ")";
    }

    @Override
    public synchronized void close() {
        if (watch != null) {
            watch.close();
        }
        client.close();
    }
}
