package io.fedgate.hub.planning.internal;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.GatewayEndpoint;
import io.fedgate.api.model.GatewayPeer;
import io.fedgate.hub.planning.PathTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway peers of each cluster: every cluster it reaches through {@link DataPath#GATEWAY} for at least
 * one import (the peer exports something), and every cluster that reaches it so (it exports something),
 * since the serving side's gateways must accept the client's tunnels. Clusters whose lease expired stay
 * peers: their state is kept and tunnels resume when they return. Peers are sorted by cluster id, their
 * gateways by name, host and port.
 */
public final class GatewayPeerPlanner {
    private static final Comparator<GatewayEndpoint> GATEWAY_ORDER = Comparator
            .comparing(GatewayEndpoint::name, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(GatewayEndpoint::host, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(GatewayEndpoint::port);

    /**
     * @param clusters every cluster, sorted by id, in the order of {@code paths}
     * @return cluster id → its peers, for every cluster, in id order
     */
    public Map<String, List<GatewayPeer>> plan(List<ClusterInventory> clusters, PathTable paths) {
        int n = clusters.size();
        List<GatewayPeer> asPeer = new ArrayList<>(n);
        boolean[] exports = new boolean[n];
        for (int i = 0; i < n; i++) {
            ClusterInventory cluster = clusters.get(i);
            asPeer.add(new GatewayPeer(cluster.clusterId(),
                    cluster.network().gateways().stream().sorted(GATEWAY_ORDER).toList()));
            exports[i] = !cluster.exports().isEmpty();
        }
        Map<String, List<GatewayPeer>> peersByCluster = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            List<GatewayPeer> peers = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                boolean reaches = exports[j] && paths.path(i, j) == DataPath.GATEWAY;
                boolean reachedFrom = exports[i] && paths.path(j, i) == DataPath.GATEWAY;
                if (i != j && (reaches || reachedFrom)) {
                    peers.add(asPeer.get(j));
                }
            }
            peersByCluster.put(clusters.get(i).clusterId(), List.copyOf(peers));
        }
        return peersByCluster;
    }
}
