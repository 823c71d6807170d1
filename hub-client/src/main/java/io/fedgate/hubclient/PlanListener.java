package io.fedgate.hubclient;

import io.fedgate.api.model.ClusterPlan;
import java.net.URI;

/**
 * Receives a cluster's plans from {@link HubClient#watchPlan}. Every method is called on the watch's own
 * thread, one call at a time and in version order; a slow listener delays the next event (the hub keeps a
 * bounded history, and a client too far behind gets a resync).
 */
public interface PlanListener {
    /**
     * A new plan version.
     *
     * @param resync true when this plan replaces everything before it rather than following the last version
     *               delivered (the first plan of a watch from version 0, or the hub's history no longer held
     *               the versions in between)
     */
    void onPlan(ClusterPlan plan, boolean resync);

    /** The watch stream to {@code hub} is open. */
    default void onConnected(URI hub) {
    }

    /** The watch stream to {@code hub} ended; the watch reconnects, to another member if one is listed. */
    default void onDisconnected(URI hub, Exception cause) {
    }

    /**
     * A hub member refused the watch (401, 403, 404). The watch keeps retrying with backoff, since the cause
     * may go away (a renewed certificate, a cluster that joins); the listener decides whether to give up.
     */
    default void onRejected(HubRequestException refusal) {
    }
}
