package io.fedgate.agent.spi;

import io.fedgate.api.model.ClusterPlan;

/**
 * What a {@link HubLink}'s plan watch reports to the agent. Calls come from the link's thread, one at a
 * time; implementations hand them over to their own thread and return quickly.
 */
public interface HubEvents {

    /** The watch is live: first connection or a reconnection. The agent resends its full inventory. */
    void connected();

    /**
     * The watch was lost; the link keeps reconnecting. Nothing the agent imported is removed while it is
     * disconnected: only a new plan withdraws endpoints.
     *
     * @param reason why, for the log (e.g. "connection refused by hub.example.com:443")
     */
    void disconnected(String reason);

    /** A plan newer than the last one delivered. */
    void planReceived(ClusterPlan plan);

    /**
     * The hub asks for a full inventory (it lost this cluster's state or holds another generation).
     *
     * @param reason why, for the log
     */
    void snapshotRequested(String reason);
}
