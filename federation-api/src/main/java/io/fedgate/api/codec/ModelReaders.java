package io.fedgate.api.codec;

import io.fedgate.api.model.AvailabilityZonePlan;
import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.ClusterHealth;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterNetwork;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.ExportCondition;
import io.fedgate.api.model.ExportStatus;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.GatewayEndpoint;
import io.fedgate.api.model.GatewayPeer;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.InterconnectMode;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.InterconnectState;
import io.fedgate.api.model.InventoryDelta;
import io.fedgate.api.model.KubeOvnSubnet;
import io.fedgate.api.model.LoadBalancing;
import io.fedgate.api.model.NetworkKind;
import io.fedgate.api.model.PlanDelta;
import io.fedgate.api.model.Protocol;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.ServiceProperties;
import io.fedgate.api.model.SessionAffinity;
import io.fedgate.api.model.TrafficPolicy;
import io.fedgate.api.model.TransitSwitch;
import io.fedgate.api.model.TransitSwitchMember;
import io.fedgate.api.net.Cidr;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How every model record is read from a document, and what is checked on the way: the one place that
 * knows the wire schema. Field names are the records' component names (see {@link FederationJson} for
 * the CIDR-list exception). The methods are {@link ObjectFields.Reader}s, to compose into readers of new
 * document kinds, and they are what {@link FederationCodecs} and the topology file use.
 *
 * <p>Names: cluster ids, namespaces, service and port names, AZ, subnet, VLAN and transit-switch names are
 * DNS-1123 labels; node, chassis and gateway names are DNS-1123 subdomains; regions and zones are
 * Kubernetes label values. Every list is bounded by a {@code DEFAULT_MAX_*} constant below.
 */
public final class ModelReaders {
    /** Most exports (or upserts, removals, export statuses) in one document. */
    public static final int DEFAULT_MAX_EXPORTS = 10_000;
    /** Most endpoints one export (or one serving cluster of an import) lists. */
    public static final int DEFAULT_MAX_ENDPOINTS_PER_EXPORT = 10_000;
    /** Most ports of a service, as for an EndpointSlice. */
    public static final int DEFAULT_MAX_PORTS = 100;
    /** Most prefixes in one CIDR list of a cluster or subnet. */
    public static final int DEFAULT_MAX_CIDRS = 64;
    /** Most Kube-OVN subnets one cluster reports. */
    public static final int DEFAULT_MAX_SUBNETS = 1_024;
    /** Most prefixes one AZ reports as learned through interconnection. */
    public static final int DEFAULT_MAX_LEARNED_PREFIXES = 4_096;
    /** Most interconnection problems one cluster reports. */
    public static final int DEFAULT_MAX_INTERCONNECT_PROBLEMS = 32;
    /** Most gateway replicas or ovn-ic gateway nodes of one cluster. */
    public static final int DEFAULT_MAX_GATEWAYS = 64;
    /** Most clusters one list names: serving clusters, gateway peers, AZ plans, failover orders. */
    public static final int DEFAULT_MAX_CLUSTERS = 1_024;
    /**
     * Most imports in one piece of a plan: one plan delta, or one line of a plan sent over several lines.
     * Larger changes are split (or sent as a resync); this bounds what one parse holds.
     */
    public static final int DEFAULT_MAX_IMPORTS = 10_000;
    /**
     * Most imports in one whole plan: every service of the cluster set, e.g. 255 clusters exporting 200
     * services each import 51,000. A plan this large is only ever sent in pieces of at most
     * {@link #DEFAULT_MAX_IMPORTS}, or whole by {@code GET .../plan} within the response size bound.
     */
    public static final int DEFAULT_MAX_PLAN_IMPORTS = 262_144;
    /** Most conditions on one export status. */
    public static final int DEFAULT_MAX_CONDITIONS = 16;
    /** Most transit switches in an interconnect plan. */
    public static final int DEFAULT_MAX_TRANSIT_SWITCHES = 64;
    /** Most prefixes in one AZ's route denylist. */
    public static final int DEFAULT_MAX_ROUTE_DENYLIST = 4_096;
    /** Longest condition message, as Kubernetes bounds it. */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 32_768;

    private static final TextRule CONDITION_TYPE = TextRule.pattern("a condition type", 316,
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final TextRule CONDITION_REASON = TextRule.pattern("a CamelCase condition reason", 1024,
            "[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?");
    /** A key of {@link Endpoint#targetPorts()}: a port name, or a port number as text. */
    private static final TextRule PORT_NAME_OR_NUMBER = value -> isDigits(value)
            ? (value.length() <= 5 && Range.PORT.contains(Long.parseLong(value)) ? null : Range.PORT.problem(value, false))
            : TextRule.DNS_LABEL.problem(value);

    /** Longest exported annotation value accepted. */
    public static final int DEFAULT_MAX_ANNOTATION_LENGTH = 16 * 1024;
    private static final TextRule INTERNAL_TRAFFIC_POLICY = TextRule.pattern("Cluster or Local", 7, "Cluster|Local");
    private static final TextRule TRAFFIC_DISTRIBUTION = TextRule.pattern("a traffic distribution such as PreferClose",
            63, "[A-Z][A-Za-z]*");
    private static final TextRule IP_FAMILY = TextRule.pattern("IPv4 or IPv6", 4, "IPv4|IPv6");
    /** A label or annotation key: an optional DNS-1123 subdomain prefix and a name of at most 63 characters. */
    public static final TextRule QUALIFIED_NAME = TextRule.pattern("a Kubernetes qualified name (prefix/name)", 317,
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

    private static final Unique<ExportedService> EXPORT_BY_SERVICE = new Unique<>("service", ExportedService::service);

    private ModelReaders() {
    }

    /** A full inventory; export keys must not repeat. */
    public static ClusterInventory clusterInventory(ObjectFields f) {
        String clusterId = f.requiredText("clusterId", TextRule.DNS_LABEL);
        long generation = f.requiredLong("generation", Range.NON_NEGATIVE);
        ClusterNetwork network = f.requiredObject("network", ModelReaders::clusterNetwork);
        List<ExportedService> exports = f.list("exports", DEFAULT_MAX_EXPORTS,
                n -> n.object(ModelReaders::exportedService), EXPORT_BY_SERVICE);
        return new ClusterInventory(clusterId, generation, network, exports);
    }

    /** A delta; {@code generation} must be above {@code baseGeneration}. */
    public static InventoryDelta inventoryDelta(ObjectFields f) {
        String clusterId = f.requiredText("clusterId", TextRule.DNS_LABEL);
        int before = f.problems().count();
        long baseGeneration = f.requiredLong("baseGeneration", Range.NON_NEGATIVE);
        long generation = f.requiredLong("generation", Range.NON_NEGATIVE);
        if (f.problems().count() == before && generation <= baseGeneration) {
            f.problem("generation", generation + " must be > baseGeneration (" + baseGeneration + ")");
        }
        ClusterNetwork network = f.object("network", ModelReaders::clusterNetwork);
        List<ExportedService> upserts = f.list("upserts", DEFAULT_MAX_EXPORTS,
                n -> n.object(ModelReaders::exportedService), EXPORT_BY_SERVICE);
        List<ServiceKey> removals = f.list("removals", DEFAULT_MAX_EXPORTS,
                n -> n.object(ModelReaders::serviceKey), Unique.entries());
        return new InventoryDelta(clusterId, baseGeneration, generation, network, upserts, removals);
    }

    /** A whole plan, at most {@link #DEFAULT_MAX_PLAN_IMPORTS} imports. */
    public static ClusterPlan clusterPlan(ObjectFields f) {
        return clusterPlan(f, DEFAULT_MAX_PLAN_IMPORTS);
    }

    /** A plan whose imports list holds at most {@code maxImports} (a piece of a plan sent over several lines). */
    public static ClusterPlan clusterPlan(ObjectFields f, int maxImports) {
        String clusterId = f.requiredText("clusterId", TextRule.DNS_LABEL);
        long version = f.requiredLong("version", Range.NON_NEGATIVE);
        List<ServiceImport> imports = f.list("imports", maxImports,
                n -> n.object(ModelReaders::serviceImport), new Unique<>("service", ServiceImport::service));
        List<ExportStatus> exportStatus = f.list("exportStatus", DEFAULT_MAX_EXPORTS,
                n -> n.object(ModelReaders::exportStatus), new Unique<>("service", ExportStatus::service));
        InterconnectPlan interconnect = f.object("interconnect", ModelReaders::interconnectPlan);
        List<GatewayPeer> gatewayPeers = f.list("gatewayPeers", DEFAULT_MAX_CLUSTERS,
                n -> n.object(ModelReaders::gatewayPeer), new Unique<>("clusterId", GatewayPeer::clusterId));
        return new ClusterPlan(clusterId, version, imports, exportStatus, interconnect, gatewayPeers);
    }

    /**
     * A plan delta: at most {@link #DEFAULT_MAX_IMPORTS} upserts and removals, a service never both upserted and
     * removed; absent {@code exportStatus}, {@code interconnect} and {@code gatewayPeers} mean unchanged.
     */
    public static PlanDelta planDelta(ObjectFields f) {
        String clusterId = f.requiredText("clusterId", TextRule.DNS_LABEL);
        long version = f.requiredLong("version", Range.NON_NEGATIVE);
        List<ServiceImport> upserts = imports(f, "upserts", DEFAULT_MAX_IMPORTS);
        List<ServiceKey> removals = f.list("removals", DEFAULT_MAX_IMPORTS, n -> n.object(ModelReaders::serviceKey),
                Unique.entries());
        java.util.Set<ServiceKey> upserted = new java.util.HashSet<>();
        upserts.forEach(i -> upserted.add(i.service()));
        for (int i = 0; i < removals.size(); i++) {
            if (upserted.contains(removals.get(i))) {
                f.problems().add(f.pathOf("removals") + "[" + i + "]", removals.get(i) + " is also upserted");
            }
        }
        List<ExportStatus> exportStatus = f.has("exportStatus") ? f.list("exportStatus", DEFAULT_MAX_EXPORTS,
                n -> n.object(ModelReaders::exportStatus), new Unique<>("service", ExportStatus::service)) : null;
        InterconnectPlan interconnect = f.object("interconnect", ModelReaders::interconnectPlan);
        List<GatewayPeer> gatewayPeers = f.has("gatewayPeers") ? f.list("gatewayPeers", DEFAULT_MAX_CLUSTERS,
                n -> n.object(ModelReaders::gatewayPeer), new Unique<>("clusterId", GatewayPeer::clusterId)) : null;
        return new PlanDelta(clusterId, version, upserts, removals, exportStatus, interconnect, gatewayPeers);
    }

    /** A list of at most {@code maxImports} imports, services distinct. */
    public static List<ServiceImport> imports(ObjectFields f, String name, int maxImports) {
        return f.list(name, maxImports, n -> n.object(ModelReaders::serviceImport),
                new Unique<>("service", ServiceImport::service));
    }

    /** A cluster's network facts; the kind defaults to {@code other}. */
    public static ClusterNetwork clusterNetwork(ObjectFields f) {
        String region = f.text("region", TextRule.LABEL_VALUE);
        String zone = f.text("zone", TextRule.LABEL_VALUE);
        NetworkKind kind = f.enumValue("kind", NetworkKind.class, NetworkKind.OTHER);
        String availabilityZone = f.text("availabilityZone", TextRule.DNS_LABEL);
        List<Cidr> podCidrs = cidrs(f, "podCIDRs");
        List<Cidr> serviceCidrs = cidrs(f, "serviceCIDRs");
        List<Cidr> joinCidrs = cidrs(f, "joinCIDRs");
        List<KubeOvnSubnet> subnets = f.list("subnets", DEFAULT_MAX_SUBNETS,
                n -> n.object(ModelReaders::kubeOvnSubnet), new Unique<>("name", KubeOvnSubnet::name));
        List<String> gatewayNodes = f.list("gatewayNodes", DEFAULT_MAX_GATEWAYS,
                n -> n.text(TextRule.DNS_SUBDOMAIN), Unique.entries());
        List<GatewayEndpoint> gateways = f.list("gateways", DEFAULT_MAX_GATEWAYS,
                n -> n.object(ModelReaders::gatewayEndpoint), new Unique<>("name", GatewayEndpoint::name));
        InterconnectState interconnect = f.object("interconnect", ModelReaders::interconnectState);
        return new ClusterNetwork(region, zone, kind, availabilityZone, podCidrs, serviceCidrs, joinCidrs,
                subnets, gatewayNodes, gateways, interconnect);
    }

    /** What interconnection achieved in a cluster; the mode defaults to {@code kube-ovn}. */
    public static InterconnectState interconnectState(ObjectFields f) {
        InterconnectMode mode = f.enumValue("mode", InterconnectMode.class, InterconnectMode.KUBE_OVN);
        boolean daemonActive = f.bool("daemonActive", false);
        boolean registered = f.bool("registered", false);
        List<Cidr> learned = f.list("learnedPrefixes", DEFAULT_MAX_LEARNED_PREFIXES, DocumentNode::cidr,
                Unique.entries());
        List<String> problems = f.list("problems", DEFAULT_MAX_INTERCONNECT_PROBLEMS,
                n -> n.text(TextRule.maxLength(DEFAULT_MAX_MESSAGE_LENGTH)), Unique.entries());
        return new InterconnectState(mode, daemonActive, registered, learned, problems);
    }

    /** An optional list of distinct CIDRs (IPv4 or IPv6). */
    public static List<Cidr> cidrs(ObjectFields f, String name) {
        return f.list(name, DEFAULT_MAX_CIDRS, DocumentNode::cidr, Unique.entries());
    }

    /** A required list of at least one distinct CIDR (IPv4 or IPv6). */
    public static List<Cidr> requiredCidrs(ObjectFields f, String name) {
        return f.nonEmptyList(name, DEFAULT_MAX_CIDRS, DocumentNode::cidr, Unique.entries());
    }

    /**
     * A Kube-OVN subnet: at least one CIDR; an underlay subnet names its VLAN; a custom VPC, disabled
     * interconnection and a private subnet's allowed sources are optional.
     */
    public static KubeOvnSubnet kubeOvnSubnet(ObjectFields f) {
        String name = f.requiredText("name", TextRule.DNS_LABEL);
        List<Cidr> cidrs = requiredCidrs(f, "cidrs");
        boolean underlay = f.bool("underlay", false);
        String vlan = f.text("vlan", TextRule.DNS_LABEL);
        if (underlay && !f.has("vlan")) {
            f.problem("vlan", "is required when underlay is true");
        }
        String vpc = f.text("vpc", TextRule.DNS_SUBDOMAIN);
        boolean interconnectionDisabled = f.bool("interconnectionDisabled", false);
        boolean privateSubnet = f.bool("privateSubnet", false);
        List<Cidr> allowSubnets = cidrs(f, "allowSubnets");
        if (!privateSubnet && !allowSubnets.isEmpty()) {
            f.problem("allowSubnets", "is only meaningful when privateSubnet is true");
        }
        return new KubeOvnSubnet(name, cidrs, underlay, vlan, vpc, interconnectionDisabled, privateSubnet, allowSubnets);
    }

    /** A gateway replica's tunnel listener. */
    public static GatewayEndpoint gatewayEndpoint(ObjectFields f) {
        return new GatewayEndpoint(f.requiredText("name", TextRule.DNS_SUBDOMAIN), f.requiredText("host", TextRule.HOST),
                f.requiredInt("port", Range.PORT));
    }

    /** An export; weight defaults to {@link ExportedService#DEFAULT_WEIGHT}, priority to 0. */
    public static ExportedService exportedService(ObjectFields f) {
        ServiceKey service = f.requiredObject("service", ModelReaders::serviceKey);
        ImportType type = f.enumValue("type", ImportType.class, ImportType.CLUSTER_SET_IP);
        SessionAffinity sessionAffinity = f.enumValue("sessionAffinity", SessionAffinity.class, SessionAffinity.NONE);
        List<ServicePort> ports = servicePorts(f, "ports");
        List<Endpoint> endpoints = endpoints(f, "endpoints");
        Instant exportedAt = f.requiredInstant("exportedAt");
        int weight = f.integer("weight", Range.WEIGHT, ExportedService.DEFAULT_WEIGHT);
        int priority = f.integer("priority", Range.NON_NEGATIVE_INT, 0);
        TrafficPolicy policy = f.object("policy", trafficPolicy(TextRule.DNS_LABEL));
        ServiceProperties properties = f.object("properties", ModelReaders::serviceProperties);
        return new ExportedService(service, type, sessionAffinity, ports, endpoints, exportedAt, weight, priority,
                policy, properties);
    }

    /** {@code {namespace, name}}, both DNS-1123 labels; null unless both are good. */
    public static ServiceKey serviceKey(ObjectFields f) {
        String namespace = f.requiredText("namespace", TextRule.DNS_LABEL);
        String name = f.requiredText("name", TextRule.DNS_LABEL);
        return namespace == null || name == null ? null : new ServiceKey(namespace, name);
    }

    /**
     * The ports of a service: distinct names, distinct port/protocol pairs, and, as Kubernetes requires,
     * a name on every port when there are several.
     */
    public static List<ServicePort> servicePorts(ObjectFields f, String name) {
        int before = f.problems().count();
        List<ServicePort> ports = f.list(name, DEFAULT_MAX_PORTS, n -> n.object(ModelReaders::servicePort),
                new Unique<>("name", ServicePort::name),
                new Unique<>("port", p -> p.port() + "/" + WireNames.of(p.protocol())));
        if (ports.size() > 1 && f.problems().count() == before) {
            for (int i = 0; i < ports.size(); i++) {
                if (ports.get(i).name() == null) {
                    f.problems().add(f.pathOf(name) + "[" + i + "].name", "is required when a service has several ports");
                }
            }
        }
        return ports;
    }

    /** One service port; the protocol defaults to TCP. */
    public static ServicePort servicePort(ObjectFields f) {
        return new ServicePort(f.text("name", TextRule.DNS_LABEL), f.requiredInt("port", Range.PORT),
                f.enumValue("protocol", Protocol.class, Protocol.TCP), f.text("appProtocol", TextRule.TEXT));
    }

    /** An optional list of endpoints, at most {@link #DEFAULT_MAX_ENDPOINTS_PER_EXPORT}. */
    public static List<Endpoint> endpoints(ObjectFields f, String name) {
        return f.list(name, DEFAULT_MAX_ENDPOINTS_PER_EXPORT, n -> n.object(ModelReaders::endpoint));
    }

    /** One endpoint: a literal IP address; ready unless it says otherwise. */
    public static Endpoint endpoint(ObjectFields f) {
        String address = f.requiredText("address", TextRule.IP_ADDRESS);
        boolean ready = f.bool("ready", true);
        String nodeName = f.text("nodeName", TextRule.DNS_SUBDOMAIN);
        String zone = f.text("zone", TextRule.LABEL_VALUE);
        Map<String, Integer> targetPorts = f.map("targetPorts", DEFAULT_MAX_PORTS, PORT_NAME_OR_NUMBER,
                n -> n.intValue(Range.PORT));
        String hostname = f.text("hostname", TextRule.DNS_LABEL);
        return new Endpoint(address, ready, nodeName, zone, targetPorts, hostname);
    }

    /**
     * The Service properties MCS carries to an import: an affinity timeout of 1 to 86400 s, the traffic
     * policies as Kubernetes spells them, at most two distinct IP families, exported labels and annotations
     * with Kubernetes' qualified-name keys.
     */
    public static ServiceProperties serviceProperties(ObjectFields f) {
        Integer timeout = f.has("sessionAffinityTimeoutSeconds")
                ? f.integer("sessionAffinityTimeoutSeconds", Range.SESSION_AFFINITY_TIMEOUT, 0) : null;
        String internal = f.text("internalTrafficPolicy", INTERNAL_TRAFFIC_POLICY);
        String distribution = f.text("trafficDistribution", TRAFFIC_DISTRIBUTION);
        List<String> families = f.list("ipFamilies", 2, n -> n.text(IP_FAMILY), Unique.entries());
        Map<String, String> labels = f.map("labels", ServiceProperties.DEFAULT_MAX_EXPORTED_METADATA,
                QUALIFIED_NAME, n -> n.text(TextRule.LABEL_VALUE_OR_EMPTY));
        Map<String, String> annotations = f.map("annotations", ServiceProperties.DEFAULT_MAX_EXPORTED_METADATA,
                QUALIFIED_NAME, n -> n.text(TextRule.maxLength(DEFAULT_MAX_ANNOTATION_LENGTH)));
        return new ServiceProperties(timeout, internal, distribution, families, labels, annotations);
    }

    /**
     * A traffic policy whose {@code failoverOrder} entries follow {@code clusterIdRule}: plain DNS labels on
     * the wire, or labels that must also name a known cluster where the document defines them.
     */
    public static ObjectFields.Reader<TrafficPolicy> trafficPolicy(TextRule clusterIdRule) {
        return f -> new TrafficPolicy(
                f.enumValue("loadBalancing", LoadBalancing.class, LoadBalancing.LOCAL_FIRST),
                f.list("failoverOrder", DEFAULT_MAX_CLUSTERS, n -> n.text(clusterIdRule), Unique.entries()));
    }

    /** An import of a plan; serving clusters must not repeat. */
    public static ServiceImport serviceImport(ObjectFields f) {
        ServiceKey service = f.requiredObject("service", ModelReaders::serviceKey);
        ImportType type = f.enumValue("type", ImportType.class, ImportType.CLUSTER_SET_IP);
        SessionAffinity sessionAffinity = f.enumValue("sessionAffinity", SessionAffinity.class, SessionAffinity.NONE);
        List<ServicePort> ports = servicePorts(f, "ports");
        TrafficPolicy policy = f.object("policy", trafficPolicy(TextRule.DNS_LABEL));
        List<ClusterEndpoints> clusters = f.list("clusters", DEFAULT_MAX_CLUSTERS,
                n -> n.object(ModelReaders::clusterEndpoints), new Unique<>("clusterId", ClusterEndpoints::clusterId));
        ServiceProperties properties = f.object("properties", ModelReaders::serviceProperties);
        return new ServiceImport(service, type, sessionAffinity, ports, policy, clusters, properties);
    }

    /** One serving cluster of an import: its path is required, its health defaults to healthy. */
    public static ClusterEndpoints clusterEndpoints(ObjectFields f) {
        String clusterId = f.requiredText("clusterId", TextRule.DNS_LABEL);
        String region = f.text("region", TextRule.LABEL_VALUE);
        String zone = f.text("zone", TextRule.LABEL_VALUE);
        DataPath path = f.requiredEnum("path", DataPath.class);
        int weight = f.integer("weight", Range.WEIGHT, ExportedService.DEFAULT_WEIGHT);
        int priority = f.integer("priority", Range.NON_NEGATIVE_INT, 0);
        ClusterHealth health = f.enumValue("health", ClusterHealth.class, ClusterHealth.HEALTHY);
        List<Endpoint> endpoints = endpoints(f, "endpoints");
        return new ClusterEndpoints(clusterId, region, zone, path, weight, priority, health, endpoints);
    }

    /** The conditions of one of the plan cluster's exports; condition types must not repeat. */
    public static ExportStatus exportStatus(ObjectFields f) {
        return new ExportStatus(f.requiredObject("service", ModelReaders::serviceKey),
                f.list("conditions", DEFAULT_MAX_CONDITIONS, n -> n.object(ModelReaders::exportCondition),
                        new Unique<>("type", ExportCondition::type)));
    }

    /** A KEP-1645 condition: type and status required. */
    public static ExportCondition exportCondition(ObjectFields f) {
        return new ExportCondition(f.requiredText("type", CONDITION_TYPE), f.requiredBool("status"),
                f.text("reason", CONDITION_REASON), f.text("message", TextRule.maxLength(DEFAULT_MAX_MESSAGE_LENGTH)));
    }

    /** The OVN-IC layout: switch names and AZs must not repeat. */
    public static InterconnectPlan interconnectPlan(ObjectFields f) {
        long version = f.requiredLong("version", Range.NON_NEGATIVE);
        List<TransitSwitch> transitSwitches = f.list("transitSwitches", DEFAULT_MAX_TRANSIT_SWITCHES,
                n -> n.object(ModelReaders::transitSwitch), new Unique<>("name", TransitSwitch::name));
        List<AvailabilityZonePlan> zones = f.list("zones", DEFAULT_MAX_CLUSTERS,
                n -> n.object(ModelReaders::availabilityZonePlan),
                new Unique<>("availabilityZone", AvailabilityZonePlan::availabilityZone));
        return new InterconnectPlan(version, transitSwitches, zones);
    }

    /** A transit switch: every member's address lies in the switch subnet, AZs and addresses distinct. */
    public static TransitSwitch transitSwitch(ObjectFields f) {
        String name = f.requiredText("name", TextRule.DNS_LABEL);
        int before = f.problems().count();
        Cidr subnet = f.requiredCidr("subnet");
        List<TransitSwitchMember> members = f.list("members", DEFAULT_MAX_CLUSTERS,
                n -> n.object(ModelReaders::transitSwitchMember),
                new Unique<>("availabilityZone", TransitSwitchMember::availabilityZone),
                new Unique<>("address", m -> m.address() == null ? null : m.address().addressText()));
        if (f.problems().count() == before) {
            for (int i = 0; i < members.size(); i++) {
                Cidr address = members.get(i).address();
                if (!subnet.contains(address) || address.prefixLength() != subnet.prefixLength()) {
                    f.problems().add(f.pathOf("members") + "[" + i + "].address", address.toInterfaceString()
                            + " is not an address of the switch subnet " + subnet);
                }
            }
        }
        return new TransitSwitch(name, subnet, members);
    }

    /** One AZ's attachment to a transit switch. */
    public static TransitSwitchMember transitSwitchMember(ObjectFields f) {
        return new TransitSwitchMember(f.requiredText("availabilityZone", TextRule.DNS_LABEL),
                f.requiredCidr("address"), f.requiredText("mac", TextRule.MAC_ADDRESS),
                f.list("gatewayChassis", DEFAULT_MAX_GATEWAYS, n -> n.text(TextRule.DNS_SUBDOMAIN), Unique.entries()));
    }

    /** One AZ's interconnection settings. */
    public static AvailabilityZonePlan availabilityZonePlan(ObjectFields f) {
        return new AvailabilityZonePlan(f.requiredText("availabilityZone", TextRule.DNS_LABEL),
                f.requiredText("clusterId", TextRule.DNS_LABEL), f.bool("advertise", false), f.bool("learn", false),
                f.list("routeDenylist", DEFAULT_MAX_ROUTE_DENYLIST, DocumentNode::cidr, Unique.entries()));
    }

    /** A peer cluster and its gateways. */
    public static GatewayPeer gatewayPeer(ObjectFields f) {
        return new GatewayPeer(f.requiredText("clusterId", TextRule.DNS_LABEL),
                f.list("gateways", DEFAULT_MAX_GATEWAYS, n -> n.object(ModelReaders::gatewayEndpoint),
                        new Unique<>("name", GatewayEndpoint::name)));
    }

    private static boolean isDigits(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
