package io.fedgate.hub.internal.access;

import io.fedgate.api.pki.AdminIdentity;
import io.fedgate.api.pki.ClusterIdentity;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.SpiffeId;

/**
 * Who may do what, decided from the caller's verified SPIFFE id alone (a pure function, no I/O):
 * <ul>
 *   <li>a cluster's <b>agent</b> writes and reads only its own inventory and renews only its own lease;</li>
 *   <li>a cluster's agent or gateway reads only its own cluster's plan;</li>
 *   <li>listings (clusters, exports, imports) are read by admins and by member components (they see the
 *       same facts in their plans);</li>
 *   <li>anyone verified renews their own certificate;</li>
 *   <li>administration (tokens, removals, audit log, CA) is for {@link AdminIdentity admins} only;</li>
 *   <li>admins may also read any cluster's inventory and plan, but never write an inventory.</li>
 * </ul>
 */
public final class AccessPolicy {

    /**
     * @param clusterId the cluster the operation concerns, null for cluster-set-wide operations
     */
    public Decision decide(SpiffeId caller, Operation operation, String clusterId) {
        boolean admin = caller instanceof AdminIdentity;
        switch (operation) {
            case ADMINISTER:
                return admin ? Decision.ALLOW : Decision.deny(caller + " may not administer the cluster set: "
                        + "admin identities only (spiffe://" + caller.clusterSet() + "/admin/<name>)");
            case RENEW_CERTIFICATE:
                return Decision.ALLOW;
            case READ_LISTINGS:
                return admin || caller instanceof ClusterIdentity ? Decision.ALLOW
                        : Decision.deny(caller + " may not read the cluster set's listings");
            case READ_PLAN:
                if (admin || isComponentOf(caller, clusterId, Component.AGENT)
                        || isComponentOf(caller, clusterId, Component.GATEWAY)) {
                    return Decision.ALLOW;
                }
                return deny(caller, operation, clusterId, "only that cluster's agent, its gateways and admins may");
            case READ_INVENTORY:
                if (admin || isComponentOf(caller, clusterId, Component.AGENT)) {
                    return Decision.ALLOW;
                }
                return deny(caller, operation, clusterId, "only that cluster's agent and admins may");
            case WRITE_INVENTORY:
            case HEARTBEAT:
                if (isComponentOf(caller, clusterId, Component.AGENT)) {
                    return Decision.ALLOW;
                }
                return deny(caller, operation, clusterId, "only that cluster's agent may");
            default:
                throw new IllegalArgumentException("no rule for operation " + operation);
        }
    }

    private static boolean isComponentOf(SpiffeId caller, String clusterId, Component component) {
        return caller instanceof ClusterIdentity member && member.clusterId().equals(clusterId)
                && member.component() == component;
    }

    private static Decision deny(SpiffeId caller, Operation operation, String clusterId, String rule) {
        return Decision.deny(caller + " may not " + operation.phrase() + " cluster " + clusterId + " (" + rule + ")");
    }
}
