package io.fedgate.api.topology;

import io.fedgate.api.codec.ModelReaders;
import io.fedgate.api.codec.ObjectFields;
import io.fedgate.api.codec.Range;
import io.fedgate.api.codec.TextRule;
import io.fedgate.api.codec.Unique;
import io.fedgate.api.codec.WireNames;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.KubeOvnSubnet;
import io.fedgate.api.model.NetworkKind;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.SessionAffinity;
import io.fedgate.api.model.TrafficPolicy;
import io.fedgate.api.net.Cidr;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one topology file's tree. Stateful, one per parse: clusters are read first, and what they
 * declare (ids, pod CIDRs) is what the services' cross-references are checked against.
 */
final class TopologyReader {
    private static final Range GATEWAY_REPLICAS = new Range("a gateway replica count", 1,
            TopologyParser.DEFAULT_MAX_GATEWAY_REPLICAS);
    private static final Range SYNTHETIC_ENDPOINTS = new Range("an endpoint count", 0,
            TopologyParser.DEFAULT_MAX_ENDPOINTS_PER_EXPORTER);

    /** Every well-formed cluster id, registered as soon as it is read so a cluster with other mistakes
     *  does not also make every reference to it look unknown. */
    private final Set<String> clusterIds = new LinkedHashSet<>();
    private final Map<String, TopologyCluster> clustersById = new HashMap<>();
    private final Map<String, Long> syntheticEndpointsByCluster = new HashMap<>();
    private TextRule clusterReference = TextRule.DNS_LABEL;

    Topology topology(ObjectFields f) {
        String clusterSet = f.requiredText("clusterSet", TextRule.DNS_LABEL);
        List<TopologyCluster> clusters = f.nonEmptyList("clusters", TopologyParser.DEFAULT_MAX_CLUSTERS,
                n -> n.object(this::cluster),
                new Unique<>("id", TopologyCluster::id),
                new Unique<>("availabilityZone", TopologyCluster::availabilityZone));
        clusters.forEach(c -> clustersById.putIfAbsent(c.id(), c));
        clusterReference = TextRule.DNS_LABEL.and(TextRule.oneOf(clusterIds, "a cluster of this topology"));
        List<TopologyService> services = f.list("services", TopologyParser.DEFAULT_MAX_SERVICES,
                n -> n.object(this::service), new Unique<>(null, TopologyService::key));
        return new Topology(clusterSet, clusters, services);
    }

    private TopologyCluster cluster(ObjectFields f) {
        String id = f.requiredText("id", TextRule.DNS_LABEL);
        if (id != null) {
            clusterIds.add(id);
        }
        String region = f.requiredText("region", TextRule.LABEL_VALUE);
        String zone = f.text("zone", TextRule.LABEL_VALUE);
        NetworkKind network = f.requiredEnum("network", NetworkKind.class);
        String availabilityZone = f.text("availabilityZone", TextRule.DNS_LABEL);
        int before = f.problems().count();
        List<Cidr> podCidrs = ModelReaders.requiredCidrs(f, "podCIDRs");
        List<Cidr> serviceCidrs = ModelReaders.requiredCidrs(f, "serviceCIDRs");
        List<Cidr> joinCidrs = ModelReaders.cidrs(f, "joinCIDRs");
        if (f.problems().count() == before) {
            checkDisjoint(f, "serviceCIDRs", serviceCidrs, "podCIDRs", podCidrs);
            checkDisjoint(f, "joinCIDRs", joinCidrs, "podCIDRs", podCidrs);
            checkDisjoint(f, "joinCIDRs", joinCidrs, "serviceCIDRs", serviceCidrs);
        }
        List<KubeOvnSubnet> subnets = f.list("subnets", ModelReaders.DEFAULT_MAX_SUBNETS,
                n -> n.object(ModelReaders::kubeOvnSubnet), new Unique<>("name", KubeOvnSubnet::name));
        int gateways = f.integer("gateways", GATEWAY_REPLICAS, 1);
        List<String> gatewayNodes = f.list("gatewayNodes", ModelReaders.DEFAULT_MAX_GATEWAYS,
                n -> n.text(TextRule.DNS_SUBDOMAIN), Unique.entries());
        TopologyCluster cluster = new TopologyCluster(id, region, zone, network, availabilityZone, podCidrs,
                serviceCidrs, joinCidrs, subnets, gateways, gatewayNodes);
        if (network != null) {
            checkKubeOvnOnlyFields(f, cluster);
        }
        return cluster;
    }

    /** The AZ is what OVN-IC knows a cluster by; subnets and ovn-ic gateway nodes exist only with Kube-OVN. */
    private static void checkKubeOvnOnlyFields(ObjectFields f, TopologyCluster cluster) {
        String network = WireNames.of(cluster.network());
        if (cluster.isKubeOvn()) {
            if (!f.has("availabilityZone")) {
                f.problem("availabilityZone", "is required for a " + network + " cluster");
            }
            return;
        }
        String onlyKubeOvn = "must not be set for network " + network + " (only kube-ovn-overlay and kube-ovn-underlay clusters ";
        if (f.has("availabilityZone")) {
            f.problem("availabilityZone", onlyKubeOvn + "join OVN interconnection)");
        }
        if (!cluster.subnets().isEmpty()) {
            f.problem("subnets", onlyKubeOvn + "have Kube-OVN subnets)");
        }
        if (!cluster.gatewayNodes().isEmpty()) {
            f.problem("gatewayNodes", onlyKubeOvn + "have ovn-ic gateway nodes)");
        }
    }

    /** Pods, services and the join network of one cluster must not share addresses. */
    private static void checkDisjoint(ObjectFields f, String name, List<Cidr> cidrs, String otherName, List<Cidr> others) {
        for (int i = 0; i < cidrs.size(); i++) {
            for (int j = 0; j < others.size(); j++) {
                if (cidrs.get(i).overlaps(others.get(j))) {
                    f.problems().add(f.pathOf(name) + "[" + i + "]", cidrs.get(i) + " overlaps " + otherName + "[" + j
                            + "] (" + others.get(j) + ") of the same cluster");
                }
            }
        }
    }

    private TopologyService service(ObjectFields f) {
        String namespace = f.requiredText("namespace", TextRule.DNS_LABEL);
        String name = f.requiredText("name", TextRule.DNS_LABEL);
        ImportType type = f.enumValue("type", ImportType.class, ImportType.CLUSTER_SET_IP);
        SessionAffinity sessionAffinity = f.enumValue("sessionAffinity", SessionAffinity.class, SessionAffinity.NONE);
        int before = f.problems().count();
        List<ServicePort> ports = ModelReaders.servicePorts(f, "ports");
        if (type == ImportType.CLUSTER_SET_IP && ports.isEmpty() && f.problems().count() == before) {
            f.problem("ports", "is required for a ClusterSetIP service (at least one port)");
        }
        TrafficPolicy policy = f.object("policy", ModelReaders.trafficPolicy(clusterReference));
        List<TopologyExporter> exportedFrom = f.nonEmptyList("exportedFrom", ModelReaders.DEFAULT_MAX_CLUSTERS,
                n -> n.object(this::exporter), new Unique<>("cluster", TopologyExporter::cluster));
        List<String> consumers = f.list("consumers", ModelReaders.DEFAULT_MAX_CLUSTERS,
                n -> n.text(clusterReference), Unique.entries());
        return new TopologyService(namespace, name, type, sessionAffinity, ports, policy, exportedFrom, consumers);
    }

    private TopologyExporter exporter(ObjectFields f) {
        String cluster = f.requiredText("cluster", clusterReference);
        int weight = f.integer("weight", Range.WEIGHT, ExportedService.DEFAULT_WEIGHT);
        int priority = f.integer("priority", Range.NON_NEGATIVE_INT, 0);
        int before = f.problems().count();
        int endpoints = f.integer("endpoints", SYNTHETIC_ENDPOINTS, 1);
        if (cluster != null && f.problems().count() == before) {
            reserveSyntheticEndpoints(f, cluster, endpoints);
        }
        return new TopologyExporter(cluster, weight, priority, endpoints);
    }

    /** Exporters take synthetic addresses from their cluster's first pod CIDR in file order; they must fit. */
    private void reserveSyntheticEndpoints(ObjectFields f, String clusterId, int endpoints) {
        TopologyCluster cluster = clustersById.get(clusterId);
        if (cluster == null || cluster.podCidrs().isEmpty()) {
            return; // that cluster failed to read; its own problems are reported
        }
        long wanted = syntheticEndpointsByCluster.merge(clusterId, (long) endpoints, Long::sum);
        Cidr first = cluster.podCidrs().get(0);
        long room = TopologyInventories.syntheticEndpointRoom(first);
        if (wanted > room) {
            f.problem("endpoints", endpoints + " more endpoints do not fit: " + clusterId + "'s first pod CIDR "
                    + first + " has room for " + room + " synthetic endpoints and its exports ask for " + wanted);
        }
    }
}
