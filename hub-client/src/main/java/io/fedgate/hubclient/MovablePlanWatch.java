package io.fedgate.hubclient;

import io.fedgate.api.model.ClusterPlan;
import java.net.URI;
import java.util.Objects;

/**
 * A plan watch that can move to another client, as after a certificate renewal ({@link CertificateRenewal}):
 * {@link #moveTo} opens a watch on the new client from the last version delivered and then closes the old one.
 * Events of a replaced stream are dropped, so the listener sees one stream: no plan lost, none repeated (the
 * new stream may report a connection of its own).
 */
public final class MovablePlanWatch implements PlanWatch {
    private final String clusterId;
    private final PlanListener listener;
    private volatile long lastVersion;
    private volatile Object current;
    private PlanWatch stream;
    private boolean closed;

    /** Starts watching {@code clusterId}'s plans on {@code client} from {@code fromVersion}. */
    public MovablePlanWatch(HubClient client, String clusterId, long fromVersion, PlanListener listener) {
        this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.lastVersion = fromVersion;
        moveTo(client);
    }

    /** Continues the watch on {@code client} from the last version delivered; a no-op once closed. */
    public synchronized void moveTo(HubClient client) {
        Objects.requireNonNull(client, "client");
        if (closed) {
            return;
        }
        Object token = new Object();
        // from here on the replaced stream's events are dropped
        current = token;
        PlanWatch previous = stream;
        stream = client.watchPlan(clusterId, lastVersion, forwarding(token));
        if (previous != null) {
            previous.close();
        }
    }

    @Override
    public long lastVersion() {
        return lastVersion;
    }

    @Override
    public synchronized boolean connected() {
        return stream != null && stream.connected();
    }

    @Override
    public synchronized URI hub() {
        return stream == null ? null : stream.hub();
    }

    @Override
    public synchronized void close() {
        closed = true;
        current = null;
        if (stream != null) {
            stream.close();
        }
    }

    private PlanListener forwarding(Object token) {
        return new PlanListener() {
            @Override
            public void onPlan(ClusterPlan plan, boolean resync) {
                if (current == token) {
                    lastVersion = plan.version();
                    listener.onPlan(plan, resync);
                }
            }

            @Override
            public void onConnected(URI hub) {
                if (current == token) {
                    listener.onConnected(hub);
                }
            }

            @Override
            public void onDisconnected(URI hub, Exception cause) {
                if (current == token) {
                    listener.onDisconnected(hub, cause);
                }
            }

            @Override
            public void onRejected(HubRequestException refusal) {
                if (current == token) {
                    listener.onRejected(refusal);
                }
            }
        };
    }
}
