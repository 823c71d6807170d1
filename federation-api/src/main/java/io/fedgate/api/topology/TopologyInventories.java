package io.fedgate.api.topology;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterNetwork;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.GatewayEndpoint;
import io.fedgate.api.net.Cidr;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The inventories a topology's agents would report, for demos and tests. Pure and deterministic: the
 * same topology and base time always give equal inventories.
 *
 * <ul>
 *   <li>one {@link ClusterInventory} per cluster, in file order, at generation 1;</li>
 *   <li>exports in file order; an exporter's {@code exportedAt} is the base time plus its position among
 *       all exporters of the file, in seconds (the first is at the base), so the oldest export is the one
 *       written first;</li>
 *   <li>an exporter with {@code endpoints: N} gets N ready endpoints, addresses taken in file order from
 *       its cluster's first pod CIDR starting at host {@value #FIRST_SYNTHETIC_HOST} (10.16.0.10,
 *       10.16.0.11, ...), so no two exports of a cluster share an address; each endpoint carries the
 *       cluster's zone;</li>
 *   <li>gateways become {@code <cluster>-gw-<i>} (i from 1) at {@value #GATEWAY_HOST} port 0: callers
 *       choose real ports.</li>
 * </ul>
 */
public final class TopologyInventories {
    /** Host index of a cluster's first synthetic endpoint in its first pod CIDR. */
    public static final int FIRST_SYNTHETIC_HOST = 10;
    /** Where synthetic gateway listeners are. */
    public static final String GATEWAY_HOST = "127.0.0.1";

    private TopologyInventories() {
    }

    /** One inventory per cluster of {@code topology}. */
    public static List<ClusterInventory> of(Topology topology, Instant exportTimeBase) {
        Map<String, List<ExportedService>> exportsByCluster = new LinkedHashMap<>();
        topology.clusters().forEach(c -> exportsByCluster.put(c.id(), new ArrayList<>()));
        Map<String, Long> nextHost = new HashMap<>();
        long position = 0;
        for (TopologyService service : topology.services()) {
            for (TopologyExporter exporter : service.exportedFrom()) {
                TopologyCluster cluster = requireCluster(topology, exporter.cluster());
                long first = nextHost.merge(cluster.id(), (long) exporter.endpoints(), Long::sum) - exporter.endpoints();
                exportsByCluster.get(cluster.id()).add(new ExportedService(service.key(), service.type(),
                        service.sessionAffinity(), service.ports(), syntheticEndpoints(cluster, first, exporter.endpoints()),
                        exportTimeBase.plusSeconds(position++), exporter.weight(), exporter.priority(), service.policy()));
            }
        }
        return topology.clusters().stream()
                .map(c -> new ClusterInventory(c.id(), 1, network(c), exportsByCluster.get(c.id())))
                .toList();
    }

    /** The network facts of {@code cluster}, with its synthetic gateways. */
    public static ClusterNetwork network(TopologyCluster cluster) {
        return new ClusterNetwork(cluster.region(), cluster.zone(), cluster.network(), cluster.availabilityZone(),
                cluster.podCidrs(), cluster.serviceCidrs(), cluster.joinCidrs(), cluster.subnets(),
                cluster.gatewayNodes(), gateways(cluster));
    }

    /** {@code <cluster>-gw-1} .. {@code -gw-N} at {@value #GATEWAY_HOST}, port 0. */
    public static List<GatewayEndpoint> gateways(TopologyCluster cluster) {
        return IntStream.rangeClosed(1, cluster.gateways())
                .mapToObj(i -> new GatewayEndpoint(cluster.id() + "-gw-" + i, GATEWAY_HOST, 0))
                .toList();
    }

    /**
     * How many synthetic endpoints fit in {@code podCidr} from host {@value #FIRST_SYNTHETIC_HOST} on,
     * leaving out the IPv4 broadcast address.
     */
    public static long syntheticEndpointRoom(Cidr podCidr) {
        int hostBits = (podCidr.isIpv6() ? 128 : 32) - podCidr.prefixLength();
        if (hostBits >= 62) {
            return Long.MAX_VALUE;
        }
        long room = (1L << hostBits) - FIRST_SYNTHETIC_HOST - (podCidr.isIpv6() ? 0 : 1);
        return Math.max(0, room);
    }

    private static List<Endpoint> syntheticEndpoints(TopologyCluster cluster, long firstIndex, int count) {
        Cidr pods = cluster.podCidrs().get(0);
        return IntStream.range(0, count)
                .mapToObj(i -> new Endpoint(pods.host(FIRST_SYNTHETIC_HOST + firstIndex + i).addressText(), true,
                        null, cluster.zone(), null))
                .toList();
    }

    private static TopologyCluster requireCluster(Topology topology, String id) {
        TopologyCluster cluster = topology.cluster(id);
        if (cluster == null) {
            throw new IllegalArgumentException("exporter names cluster " + id + ", which the topology does not declare");
        }
        return cluster;
    }
}
