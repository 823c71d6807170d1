package io.fedgate.hub.planning.internal;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.NetworkKind;
import io.fedgate.hub.planning.ClusterPair;
import io.fedgate.hub.planning.InterconnectGroup;
import io.fedgate.hub.planning.PathDecision;
import io.fedgate.hub.planning.PathReason;
import io.fedgate.hub.planning.PathTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Chooses the data path of every ordered cluster pair (client → server), first rule that applies:
 * <ol>
 *   <li>same cluster → DIRECT;</li>
 *   <li>both Kube-OVN underlay, no conflicting overlap → DIRECT (the fabric routes them);</li>
 *   <li>either side not Kube-OVN → GATEWAY;</li>
 *   <li>a conflicting overlap ({@link AddressSpace#conflictWith}) → GATEWAY;</li>
 *   <li>either side outside the interconnect group → GATEWAY;</li>
 *   <li>either side's exported endpoints in a subnet OVN-IC does not carry (custom VPC, interconnection
 *       disabled) → GATEWAY;</li>
 *   <li>either side's exported endpoints in a private subnet whose {@code allowSubnets} do not admit every
 *       prefix the other side's pods send from → GATEWAY;</li>
 *   <li>both are group members, but the pair is held on gateways ({@link io.fedgate.hub.planning.RoutedPathGate})
 *       → GATEWAY;</li>
 *   <li>otherwise both are group members → ROUTED.</li>
 * </ol>
 * Every rule is symmetric, so a pair has the same path in both directions. The subnet rules are decided per
 * cluster pair, like every other: one export with endpoints off the interconnect sends all of the pair's
 * traffic through the gateways, which is safe (gateways reach every pod of their cluster) if not the
 * shortest way for the pair's other services.
 */
public final class PathSelector {

    /**
     * @param clusters every cluster, sorted by id, in the order of {@code overlaps}' spaces
     */
    public PathTable select(List<ClusterInventory> clusters, OverlapTable overlaps, InterconnectGroup group) {
        return select(clusters, overlaps, group, Set.of());
    }

    /**
     * @param clusters      every cluster, sorted by id, in the order of {@code overlaps}' spaces
     * @param heldOnGateway member pairs whose routes are not in place
     */
    public PathTable select(List<ClusterInventory> clusters, OverlapTable overlaps, InterconnectGroup group,
                            Set<ClusterPair> heldOnGateway) {
        int n = clusters.size();
        boolean[] member = new boolean[n];
        List<String> ids = new ArrayList<>(n);
        List<EndpointSubnets> subnets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(clusters.get(i).clusterId());
            member[i] = group.contains(clusters.get(i).clusterId());
            subnets.add(EndpointSubnets.of(clusters.get(i)));
        }
        List<PathDecision> decisions = new ArrayList<>(n * n);
        for (int client = 0; client < n; client++) {
            for (int server = 0; server < n; server++) {
                PathDecision d = decide(clusters, overlaps, member, client, server, subnets);
                if (d.reason() == PathReason.INTERCONNECT_GROUP
                        && heldOnGateway.contains(ClusterPair.of(d.clientId(), d.serverId()))) {
                    d = PathDecision.of(d.clientId(), d.serverId(), PathReason.ROUTES_NOT_IN_PLACE);
                }
                decisions.add(d);
            }
        }
        return new PathTable(ids, decisions);
    }

    private static PathDecision decide(List<ClusterInventory> clusters, OverlapTable overlaps, boolean[] member,
                                       int client, int server, List<EndpointSubnets> subnets) {
        String clientId = clusters.get(client).clusterId();
        String serverId = clusters.get(server).clusterId();
        if (client == server) {
            return PathDecision.of(clientId, serverId, PathReason.SAME_CLUSTER);
        }
        NetworkKind clientKind = clusters.get(client).network().kind();
        NetworkKind serverKind = clusters.get(server).network().kind();
        PrefixOverlap overlap = overlaps.conflict(client, server);
        if (clientKind == NetworkKind.KUBE_OVN_UNDERLAY && serverKind == NetworkKind.KUBE_OVN_UNDERLAY
                && overlap == null) {
            return PathDecision.of(clientId, serverId, PathReason.UNDERLAY_WITHOUT_OVERLAP);
        }
        if (clientKind == NetworkKind.OTHER) {
            return PathDecision.of(clientId, serverId, PathReason.CLIENT_NOT_KUBE_OVN);
        }
        if (serverKind == NetworkKind.OTHER) {
            return PathDecision.of(clientId, serverId, PathReason.SERVER_NOT_KUBE_OVN);
        }
        if (overlap != null) {
            return new PathDecision(clientId, serverId, PathReason.OVERLAPPING_PREFIXES, overlap.mine(),
                    overlap.theirs());
        }
        if (!member[client]) {
            return PathDecision.of(clientId, serverId, PathReason.CLIENT_OUTSIDE_INTERCONNECT_GROUP);
        }
        if (!member[server]) {
            return PathDecision.of(clientId, serverId, PathReason.SERVER_OUTSIDE_INTERCONNECT_GROUP);
        }
        PathDecision bySubnets = bySubnets(clientId, serverId, subnets.get(client), subnets.get(server));
        return bySubnets != null ? bySubnets : PathDecision.of(clientId, serverId, PathReason.INTERCONNECT_GROUP);
    }

    /** The gateway decision the subnets holding either side's endpoints force, or null when they allow routing. */
    private static PathDecision bySubnets(String clientId, String serverId, EndpointSubnets client,
                                          EndpointSubnets server) {
        if (client.offInterconnect() != null) {
            return new PathDecision(clientId, serverId, PathReason.CLIENT_ENDPOINTS_OFF_INTERCONNECT,
                    client.offInterconnect(), null);
        }
        if (server.offInterconnect() != null) {
            return new PathDecision(clientId, serverId, PathReason.SERVER_ENDPOINTS_OFF_INTERCONNECT, null,
                    server.offInterconnect());
        }
        EndpointSubnets.RefusedSource byClient = client.refusedSourceOf(server);
        if (byClient != null) {
            return new PathDecision(clientId, serverId, PathReason.CLIENT_PRIVATE_SUBNET_REFUSES_SERVER,
                    byClient.subnet(), byClient.source());
        }
        EndpointSubnets.RefusedSource byServer = server.refusedSourceOf(client);
        if (byServer != null) {
            return new PathDecision(clientId, serverId, PathReason.SERVER_PRIVATE_SUBNET_REFUSES_CLIENT,
                    byServer.source(), byServer.subnet());
        }
        return null;
    }
}
