package io.fedgate.hub.planning;

import io.fedgate.api.model.DataPath;
import io.fedgate.api.net.Cidr;

/**
 * The data path from a client cluster to a serving cluster, and why.
 *
 * @param clientPrefix for {@link PathReason#OVERLAPPING_PREFIXES}: the client's prefix in the first
 *                     conflicting overlap found (in sorted prefix order); for the subnet reasons the client's
 *                     prefix they name; else null
 * @param serverPrefix the server's prefix of that overlap or subnet reason, else null
 */
public record PathDecision(String clientId, String serverId, PathReason reason, Cidr clientPrefix,
                           Cidr serverPrefix) {
    /** A decision that is not about overlapping prefixes. */
    public static PathDecision of(String clientId, String serverId, PathReason reason) {
        return new PathDecision(clientId, serverId, reason, null, null);
    }

    /** The path chosen. */
    public DataPath path() {
        return reason.path();
    }

    /** The decision in words, e.g. {@code a -> b: GATEWAY, pod/subnet/join 10.16.0.0/16 of a overlaps ...}. */
    public String describe() {
        String why = switch (reason) {
            case SAME_CLUSTER -> "same cluster, local endpoints used as they are";
            case UNDERLAY_WITHOUT_OVERLAP ->
                    "both Kube-OVN underlay without overlapping prefixes, the fabric routes them";
            case INTERCONNECT_GROUP -> "both in the OVN interconnect group";
            case CLIENT_NOT_KUBE_OVN -> clientId + " does not run Kube-OVN";
            case SERVER_NOT_KUBE_OVN -> serverId + " does not run Kube-OVN";
            case OVERLAPPING_PREFIXES -> clientPrefix + " of " + clientId + " overlaps " + serverPrefix + " of "
                    + serverId;
            case CLIENT_OUTSIDE_INTERCONNECT_GROUP -> clientId + " is outside the OVN interconnect group";
            case SERVER_OUTSIDE_INTERCONNECT_GROUP -> serverId + " is outside the OVN interconnect group";
            case CLIENT_ENDPOINTS_OFF_INTERCONNECT -> offInterconnect(clientPrefix, clientId);
            case SERVER_ENDPOINTS_OFF_INTERCONNECT -> offInterconnect(serverPrefix, serverId);
            case CLIENT_PRIVATE_SUBNET_REFUSES_SERVER -> refuses(clientPrefix, clientId, serverPrefix, serverId);
            case SERVER_PRIVATE_SUBNET_REFUSES_CLIENT -> refuses(serverPrefix, serverId, clientPrefix, clientId);
            case ROUTES_NOT_IN_PLACE -> "both in the OVN interconnect group, but its routes between them are not in "
                    + "place (held on gateways until they are)";
        };
        return clientId + " -> " + serverId + ": " + path() + ", " + why;
    }

    private static String offInterconnect(Cidr subnet, String clusterId) {
        return "exported endpoints in " + subnet + " of " + clusterId
                + " sit in a subnet OVN-IC does not carry (custom VPC or disableInterConnection)";
    }

    private static String refuses(Cidr subnet, String holder, Cidr source, String peer) {
        return "exported endpoints of " + holder + " sit in private subnet " + subnet + ", whose allowSubnets do not admit "
                + source + " of " + peer;
    }
}
