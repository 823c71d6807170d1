package io.fedgate.gateway.internal.tunnel;

import io.fedgate.api.model.GatewayEndpoint;
import io.fedgate.api.model.GatewayPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tunnels this gateway dials, one per peer gateway of the plan: reconciled on every plan (new peer
 * gateways dialled, removed ones drained), untouched when a peer gateway stays, so its flows do too.
 */
public final class TunnelRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelRegistry.class);
    private final TunnelContext context;
    private final Map<String, List<TunnelClient>> byCluster = new ConcurrentHashMap<>();
    private final Map<String, TunnelClient> byKey = new HashMap<>();

    public TunnelRegistry(TunnelContext context) {
        this.context = context;
    }

    /** Dials new peer gateways of {@code peers} and drains the ones no longer listed. Not thread-safe: one caller. */
    public void reconcile(List<GatewayPeer> peers, long planVersion) {
        Map<String, TunnelClient> wanted = new HashMap<>();
        for (GatewayPeer peer : peers) {
            if (peer.clusterId().equals(context.localCluster())) {
                continue;
            }
            for (GatewayEndpoint gw : peer.gateways()) {
                String key = peer.clusterId() + "/" + gw.name() + "@" + gw.host() + ":" + gw.port();
                TunnelClient tunnel = byKey.get(key);
                if (tunnel == null) {
                    tunnel = new TunnelClient(context, peer.clusterId(), gw);
                    tunnel.start();
                    LOG.info("cluster={} planVersion={} peerCluster={} peer={} ({}:{}): dialling new peer gateway",
                            context.localCluster(), planVersion, peer.clusterId(), gw.name(), gw.host(), gw.port());
                }
                wanted.put(key, tunnel);
            }
        }
        for (Map.Entry<String, TunnelClient> e : byKey.entrySet()) {
            if (!wanted.containsKey(e.getKey())) {
                TunnelClient gone = e.getValue();
                LOG.info("cluster={} planVersion={} peerCluster={} peer={}: peer gateway left the plan; draining its "
                        + "tunnel", context.localCluster(), planVersion, gone.peerCluster(), gone.endpoint().name());
                gone.close(context.tuning().drainTimeout());
            }
        }
        byKey.clear();
        byKey.putAll(wanted);
        Map<String, List<TunnelClient>> grouped = new HashMap<>();
        for (TunnelClient t : wanted.values()) {
            grouped.computeIfAbsent(t.peerCluster(), c -> new ArrayList<>()).add(t);
        }
        Set<String> stale = new HashSet<>(byCluster.keySet());
        stale.removeAll(grouped.keySet());
        stale.forEach(byCluster::remove);
        grouped.forEach((cluster, list) -> byCluster.put(cluster, List.copyOf(list)));
    }

    /** The tunnels to the gateways of {@code peerCluster}; empty when it is not a peer. Thread-safe. */
    public List<TunnelClient> tunnelsTo(String peerCluster) {
        return byCluster.getOrDefault(peerCluster, List.of());
    }

    /** Every tunnel's balancing key, for pruning balancer state. */
    public Set<String> keys() {
        Set<String> keys = new HashSet<>();
        byCluster.values().forEach(list -> list.forEach(t -> keys.add(t.key())));
        return keys;
    }

    /** Open flows on all dialled tunnels. */
    public int activeStreams() {
        int n = 0;
        for (List<TunnelClient> list : byCluster.values()) {
            for (TunnelClient t : list) {
                n += t.activeStreams();
            }
        }
        return n;
    }

    /** Drains every tunnel: GOAWAY, no new streams, closed when idle or at {@code deadline}. */
    public void drain(Duration deadline) {
        byCluster.values().forEach(list -> list.forEach(t -> t.close(deadline)));
    }
}
