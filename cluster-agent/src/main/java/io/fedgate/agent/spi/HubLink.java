package io.fedgate.agent.spi;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.InventoryDelta;

/**
 * The agent's connection to the hub, for one cluster. The agent calls the sending methods from its own
 * single thread (never from an event loop), one call at a time; each may block up to the link's own
 * request timeout and then fails with {@link HubLinkException}. Identity (join with a token and a CSR,
 * certificate renewal) is the link's business, invisible to the agent.
 *
 * <p>Contract the agent relies on:
 * <ul>
 *   <li>an inventory or delta is either accepted, refused with "send a snapshot" ({@link SendResult}), or
 *       the call throws, in which case the agent does not know whether the hub applied it and sends a fresh
 *       snapshot next time;</li>
 *   <li>{@link #watchPlans} keeps one watch open until it is closed: it reconnects on its own, resumes from
 *       the newest version it delivered, and reports every (re)connection and loss through {@link HubEvents}
 *       so the agent can resend its full inventory after a reconnect.</li>
 * </ul>
 */
public interface HubLink {

    /**
     * Sends the cluster's full inventory. The hub keeps it as the cluster's state at
     * {@link ClusterInventory#generation()}, replacing whatever it had.
     *
     * @throws HubLinkException when the hub cannot be reached or refuses the request for another reason
     *                          than a stale generation
     */
    SendResult sendSnapshot(ClusterInventory inventory) throws HubLinkException;

    /**
     * Sends a change on top of the generation the hub last accepted from this agent.
     *
     * @return {@link SendResult.Outcome#SNAPSHOT_REQUIRED} when the hub does not hold
     *         {@link InventoryDelta#baseGeneration()} (it restarted, lost state, or another agent wrote)
     * @throws HubLinkException when the hub cannot be reached
     */
    SendResult sendDelta(InventoryDelta delta) throws HubLinkException;

    /**
     * Renews this cluster's lease on the hub. The agent calls it periodically while connected; a cluster
     * that stops calling it has its endpoints withdrawn from every plan.
     *
     * @throws HubLinkException when the hub cannot be reached
     */
    void heartbeat() throws HubLinkException;

    /**
     * Opens the plan watch of this cluster. The link delivers every plan newer than {@code fromVersion}
     * (the current plan first; 0 asks for it whatever its version), in version order, on a thread of its
     * own; it never delivers two events at once.
     *
     * @param fromVersion the newest plan version the agent has applied, 0 for none
     * @return the open watch; closing it stops deliveries and reconnections
     */
    PlanWatch watchPlans(long fromVersion, HubEvents events);

    /** The cluster set this link's hub serves, or null when the link does not know it. */
    default String clusterSet() {
        return null;
    }
}
