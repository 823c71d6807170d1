package io.fedgate.hub.planning;

import io.fedgate.api.model.DataPath;

/** Why a cluster pair got its {@link DataPath}; {@link PathDecision#describe()} puts it in words. */
public enum PathReason {
    /** Client and server are one cluster: local endpoints are used as they are. */
    SAME_CLUSTER(DataPath.DIRECT),
    /** Both are Kube-OVN underlay clusters without conflicting prefixes: the fabric routes them. */
    UNDERLAY_WITHOUT_OVERLAP(DataPath.DIRECT),
    /** Both are members of the interconnect group. */
    INTERCONNECT_GROUP(DataPath.ROUTED),
    /** The client runs another CNI than Kube-OVN. */
    CLIENT_NOT_KUBE_OVN(DataPath.GATEWAY),
    /** The server runs another CNI than Kube-OVN. */
    SERVER_NOT_KUBE_OVN(DataPath.GATEWAY),
    /** A prefix of one cluster overlaps one of the other in a way pods could not tell apart. */
    OVERLAPPING_PREFIXES(DataPath.GATEWAY),
    /** The client is not in the interconnect group ({@link InterconnectGroup#exclusionReason} says why). */
    CLIENT_OUTSIDE_INTERCONNECT_GROUP(DataPath.GATEWAY),
    /** The server is not in the interconnect group ({@link InterconnectGroup#exclusionReason} says why). */
    SERVER_OUTSIDE_INTERCONNECT_GROUP(DataPath.GATEWAY),
    /**
     * Exported endpoints of the client sit in a Kube-OVN subnet OVN-IC does not carry (a custom VPC, or
     * {@code disableInterConnection}); the decision's client prefix is that subnet's.
     */
    CLIENT_ENDPOINTS_OFF_INTERCONNECT(DataPath.GATEWAY),
    /** As {@link #CLIENT_ENDPOINTS_OFF_INTERCONNECT}, for the server's endpoints (server prefix). */
    SERVER_ENDPOINTS_OFF_INTERCONNECT(DataPath.GATEWAY),
    /**
     * Exported endpoints of the client sit in a private subnet (client prefix) whose {@code allowSubnets} do not
     * admit a prefix the server's pods send from (server prefix).
     */
    CLIENT_PRIVATE_SUBNET_REFUSES_SERVER(DataPath.GATEWAY),
    /** As {@link #CLIENT_PRIVATE_SUBNET_REFUSES_SERVER} with the roles swapped (server prefix: the private subnet). */
    SERVER_PRIVATE_SUBNET_REFUSES_CLIENT(DataPath.GATEWAY),
    /**
     * Both are group members, but interconnection does not carry the pair right now (an ovn-ic down, an AZ not
     * registered, a route withdrawn, a foreign row): held on gateways by {@link RoutedPathGate}.
     */
    ROUTES_NOT_IN_PLACE(DataPath.GATEWAY);

    private final DataPath path;

    PathReason(DataPath path) {
        this.path = path;
    }

    /** The path this reason leads to. */
    public DataPath path() {
        return path;
    }
}
