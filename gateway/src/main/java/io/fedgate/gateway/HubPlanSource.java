package io.fedgate.gateway;

import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.pki.RotationPolicy;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.gateway.spi.PlanListener;
import io.fedgate.gateway.spi.PlanSource;
import io.fedgate.hubclient.CertificateRenewal;
import io.fedgate.hubclient.HubClient;
import io.fedgate.hubclient.HubRequestException;
import io.fedgate.hubclient.MovablePlanWatch;
import io.fedgate.hubclient.RenewalBackoff;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The cluster's plans from the hub's watch stream ({@link HubClient#watchPlan}), which resumes from the last
 * delivered version across broken streams and hub members. While no stream is open the gateway keeps the plan
 * it has: a lost or refused stream is reported as {@link PlanListener#planUnavailable}.
 *
 * <p>Built with {@link #renewing}, the source also keeps the gateway's certificate fresh through the same
 * {@link CertificateRenewal} as the agent: the renewed key and certificate are saved to the cert dir, the plan
 * watch moves to the new certificate from the last version delivered, and the listener is told
 * ({@link PlanListener#certificateRenewed}) so that new tunnels present it too.
 */
public final class HubPlanSource implements PlanSource {
    private final String clusterId;
    private volatile HubClient client;
    private CertificateRenewal renewal;
    private volatile PlanListener listener;
    private MovablePlanWatch watch;

    /**
     * A source that never renews the certificate.
     *
     * @param client    a client presenting this cluster's gateway certificate; closed by {@link #close()}
     * @param clusterId the cluster whose plan the gateway serves
     */
    public HubPlanSource(HubClient client, String clusterId) {
        this.client = Objects.requireNonNull(client, "client");
        this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
    }

    /**
     * A source that renews the gateway's certificate when {@code policy} says it is due; renewing starts with
     * {@link #start}.
     *
     * @param client   a client presenting {@code material}, this cluster's gateway certificate; owned from now on
     * @param material the certificate as saved in {@code certDir}, where renewed ones are saved too
     */
    public static HubPlanSource renewing(HubClient client, TlsMaterial material, Path certDir, RotationPolicy policy,
                                         Clock clock, String clusterId) {
        HubPlanSource source = new HubPlanSource(client, clusterId);
        source.renewal = new CertificateRenewal(client, material, certDir, policy, RenewalBackoff.DEFAULT, clock,
                source.new Renewals());
        return source;
    }

    @Override
    public synchronized void start(PlanListener listener) {
        if (watch != null) {
            throw new IllegalStateException("plan source " + describe() + " already started");
        }
        this.listener = Objects.requireNonNull(listener, "listener");
        watch = new MovablePlanWatch(client, clusterId, 0, new io.fedgate.hubclient.PlanListener() {
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
        if (renewal != null) {
            renewal.start();
        }
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
        if (renewal != null) {
            renewal.close();
        } else {
            client.close();
        }
    }

    /** Moves the plan watch, then the gateway, to each renewed certificate. */
    private final class Renewals implements CertificateRenewal.Listener {
        @Override
        public void renewed(HubClient next, TlsMaterial material) {
            client = next;
            synchronized (HubPlanSource.this) {
                watch.moveTo(next);
            }
            listener.certificateRenewed(material);
        }

        @Override
        public void failed(RuntimeException cause, Duration retryIn) {
            listener.certificateRenewalFailed(cause.getMessage() + "; trying again in " + retryIn);
        }
    }
}
