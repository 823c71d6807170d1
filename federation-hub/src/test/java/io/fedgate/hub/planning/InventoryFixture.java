package io.fedgate.hub.planning;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterNetwork;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.GatewayEndpoint;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.KubeOvnSubnet;
import io.fedgate.api.model.NetworkKind;
import io.fedgate.api.model.Protocol;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.ServiceProperties;
import io.fedgate.api.model.SessionAffinity;
import io.fedgate.api.model.TrafficPolicy;
import io.fedgate.api.net.Cidr;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds inventories for planner tests: {@code cluster("a").overlay("az-a").pods("10.16.0.0/16").build()}.
 * A cluster starts as a non-OVN cluster with no prefixes; an export starts as a ClusterSetIP TCP service
 * exported at second 0 with weight 100.
 */
public final class InventoryFixture {
    private InventoryFixture() {
    }

    /** A cluster named {@code id}. */
    public static ClusterBuilder cluster(String id) {
        return new ClusterBuilder(id);
    }

    /** An export of {@code namespace/name}. */
    public static ExportBuilder export(String key) {
        return new ExportBuilder(ServiceKey.parse(key));
    }

    /** Parses CIDRs. */
    public static List<Cidr> cidrs(String... texts) {
        return Arrays.stream(texts).map(Cidr::parse).toList();
    }

    /** Builder of one {@link ClusterInventory}. */
    public static final class ClusterBuilder {
        private final String id;
        private long generation = 1;
        private String region;
        private String zone;
        private NetworkKind kind = NetworkKind.OTHER;
        private String availabilityZone;
        private final List<Cidr> pods = new ArrayList<>();
        private final List<Cidr> services = new ArrayList<>();
        private final List<Cidr> joins = new ArrayList<>();
        private final List<KubeOvnSubnet> subnets = new ArrayList<>();
        private final List<String> gatewayNodes = new ArrayList<>();
        private final List<GatewayEndpoint> gateways = new ArrayList<>();
        private final List<ExportedService> exports = new ArrayList<>();
        private io.fedgate.api.model.InterconnectState interconnect;

        private ClusterBuilder(String id) {
            this.id = id;
        }

        /** Kube-OVN overlay in availability zone {@code az}, with one ovn-ic gateway node {@code <id>-gw}. */
        public ClusterBuilder overlay(String az) {
            kind = NetworkKind.KUBE_OVN_OVERLAY;
            availabilityZone = az;
            if (gatewayNodes.isEmpty()) {
                gatewayNodes.add(id + "-gw");
            }
            return this;
        }

        /** Kube-OVN underlay, not interconnected. */
        public ClusterBuilder underlay() {
            kind = NetworkKind.KUBE_OVN_UNDERLAY;
            return this;
        }

        /** Kube-OVN of {@code kind} with no availability zone. */
        public ClusterBuilder kind(NetworkKind networkKind) {
            kind = networkKind;
            return this;
        }

        /** Sets the AZ name (null: none). */
        public ClusterBuilder availabilityZone(String az) {
            availabilityZone = az;
            return this;
        }

        public ClusterBuilder generation(long value) {
            generation = value;
            return this;
        }

        public ClusterBuilder locality(String regionName, String zoneName) {
            region = regionName;
            zone = zoneName;
            return this;
        }

        public ClusterBuilder pods(String... cidrs) {
            pods.addAll(cidrs(cidrs));
            return this;
        }

        public ClusterBuilder services(String... cidrs) {
            services.addAll(cidrs(cidrs));
            return this;
        }

        public ClusterBuilder join(String... cidrs) {
            joins.addAll(cidrs(cidrs));
            return this;
        }

        public ClusterBuilder subnet(String name, String... cidrs) {
            subnets.add(new KubeOvnSubnet(name, cidrs(cidrs), kind == NetworkKind.KUBE_OVN_UNDERLAY, null));
            return this;
        }

        /** Adds {@code subnet} as it is (VPC, interconnection, private). */
        public ClusterBuilder subnet(KubeOvnSubnet subnet) {
            subnets.add(subnet);
            return this;
        }

        /** Replaces the ovn-ic gateway nodes. */
        public ClusterBuilder gatewayNodes(String... nodes) {
            gatewayNodes.clear();
            gatewayNodes.addAll(List.of(nodes));
            return this;
        }

        public ClusterBuilder gateway(String name, String host, int port) {
            gateways.add(new GatewayEndpoint(name, host, port));
            return this;
        }

        public ClusterBuilder exports(ExportBuilder... builders) {
            Arrays.stream(builders).forEach(b -> exports.add(b.build()));
            return this;
        }

        public ClusterBuilder exports(ExportedService... services) {
            exports.addAll(List.of(services));
            return this;
        }

        /** Sets what the agent reports about interconnection (null: nothing reported). */
        public ClusterBuilder interconnect(io.fedgate.api.model.InterconnectState state) {
            interconnect = state;
            return this;
        }

        public ClusterInventory build() {
            ClusterNetwork network = new ClusterNetwork(region, zone, kind, availabilityZone, pods, services, joins,
                    subnets, gatewayNodes, gateways, interconnect);
            return new ClusterInventory(id, generation, network, exports);
        }
    }

    /** Builder of one {@link ExportedService}. */
    public static final class ExportBuilder {
        private final ServiceKey key;
        private ImportType type = ImportType.CLUSTER_SET_IP;
        private SessionAffinity affinity = SessionAffinity.NONE;
        private final List<ServicePort> ports = new ArrayList<>();
        private final List<Endpoint> endpoints = new ArrayList<>();
        private Instant exportedAt = Instant.EPOCH;
        private int weight = ExportedService.DEFAULT_WEIGHT;
        private int priority;
        private TrafficPolicy policy = TrafficPolicy.DEFAULT;
        private ServiceProperties properties = ServiceProperties.NONE;

        private ExportBuilder(ServiceKey key) {
            this.key = key;
        }

        /** Exported at {@code seconds} after the epoch. */
        public ExportBuilder at(long seconds) {
            exportedAt = Instant.ofEpochSecond(seconds);
            return this;
        }

        public ExportBuilder tcp(String name, int port) {
            ports.add(new ServicePort(name, port, Protocol.TCP, null));
            return this;
        }

        public ExportBuilder udp(String name, int port) {
            ports.add(new ServicePort(name, port, Protocol.UDP, null));
            return this;
        }

        public ExportBuilder port(ServicePort port) {
            ports.add(port);
            return this;
        }

        public ExportBuilder headless() {
            type = ImportType.HEADLESS;
            return this;
        }

        public ExportBuilder clientIpAffinity() {
            affinity = SessionAffinity.CLIENT_IP;
            return this;
        }

        public ExportBuilder weight(int value) {
            weight = value;
            return this;
        }

        public ExportBuilder priority(int value) {
            priority = value;
            return this;
        }

        public ExportBuilder policy(TrafficPolicy value) {
            policy = value;
            return this;
        }

        /** Ready endpoints. */
        public ExportBuilder ready(String... addresses) {
            Arrays.stream(addresses).forEach(a -> endpoints.add(Endpoint.ready(a)));
            return this;
        }

        /** Endpoints that are not ready. */
        public ExportBuilder notReady(String... addresses) {
            Arrays.stream(addresses).forEach(a -> endpoints.add(new Endpoint(a, false, null, null, null)));
            return this;
        }

        public ExportBuilder properties(ServiceProperties value) {
            properties = value;
            return this;
        }

        public ExportedService build() {
            return new ExportedService(key, type, affinity, ports, endpoints, exportedAt, weight, priority, policy,
                    properties);
        }
    }
}
