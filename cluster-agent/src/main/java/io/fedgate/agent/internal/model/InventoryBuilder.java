package io.fedgate.agent.internal.model;

import io.fedgate.agent.KubeOvnNames;
import io.fedgate.api.codec.ModelReaders;
import io.fedgate.api.codec.TextRule;
import io.fedgate.api.model.ClusterNetwork;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.GatewayEndpoint;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.InterconnectState;
import io.fedgate.api.model.KubeOvnSubnet;
import io.fedgate.api.model.NetworkKind;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.ServiceProperties;
import io.fedgate.api.net.Cidr;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns what the informers observed into the cluster's inventory: its exports (with local validity) and
 * its network facts. Pure and deterministic.
 *
 * <h2>Exports</h2>
 * A ServiceExport exports the Service of its namespace and name when its name is a Service name (DNS-1035
 * label), the Service exists and is not {@code ExternalName}, its {@code fedgate.io/*} annotations are
 * well formed ({@link ExportSettings}), and its {@code spec.exportedLabels} and {@code spec.exportedAnnotations}
 * are what Kubernetes accepts as labels and annotations (and the hub's inventory limits allow); otherwise it
 * exports nothing and its {@link ExportValidity} says why. The export carries the Service's affinity timeout,
 * traffic policies and IP families, and the ServiceExport's exported labels and annotations (never the
 * Service's own), as {@link ServiceProperties}.
 * Endpoints come from the Service's EndpointSlices ({@code IPv4}/{@code IPv6}; an address in two slices
 * counts once, ready if either says so); a target port is recorded only where it differs from the service
 * port, keyed by port name (the port number as text for an unnamed port).
 *
 * <h2>Network</h2>
 * <ul>
 *   <li>region and zone: the values most nodes carry in {@code topology.kubernetes.io/region|zone}
 *       (ties: the smallest);</li>
 *   <li>kind: {@link NetworkKind#OTHER} without Kube-OVN; else underlay when the default subnet has a VLAN,
 *       overlay otherwise;</li>
 *   <li>Kube-OVN: pod CIDRs are the default subnet's, the join CIDRs those of the join subnet
 *       ({@link KubeOvnNames#joinSubnet()}), every other subnet is listed with its VPC when that is not the
 *       default one ({@link KubeOvnNames#clusterRouter()}), {@code disableInterConnection}, and
 *       {@code private} with {@code allowSubnets}; other CNIs: the nodes' {@code spec.podCIDRs};</li>
 *   <li>service CIDRs: the {@code spec.cidrs} of the cluster's {@code networking.k8s.io} ServiceCIDR objects where
 *       it serves them (Kubernetes 1.31+), else the agent's configuration ({@code --service-cidr});</li>
 *   <li>availability zone and ovn-ic gateway nodes: from {@code ovn-ic-config} when interconnection is on;</li>
 *   <li>gateways (where peer gateways dial this cluster's): the gateway Service's load-balancer addresses;
 *       for a NodePort Service the addresses of the nodes labelled {@code fedgate.io/gateway=true} (external,
 *       else internal) with the node port; else the ready replicas' own addresses.</li>
 * </ul>
 */
public final class InventoryBuilder {
    /** Name of the Service port carrying tunnels, when the gateway Service has several. */
    public static final String TUNNEL_PORT_NAME = "tunnel";

    private static final String IPV4 = "IPv4";
    private static final String IPV6 = "IPv6";

    private final boolean kubeOvn;
    private final List<Cidr> serviceCidrs;
    private final KubeOvnNames names;

    /**
     * @param kubeOvn      the cluster runs Kube-OVN (the agent's {@code --kube-ovn})
     * @param serviceCidrs this cluster's service ranges, as configured
     * @param names        Kube-OVN's cluster router (default VPC) and join subnet
     */
    public InventoryBuilder(boolean kubeOvn, List<Cidr> serviceCidrs, KubeOvnNames names) {
        this.kubeOvn = kubeOvn;
        this.serviceCidrs = serviceCidrs == null ? List.of() : List.copyOf(serviceCidrs);
        this.names = names;
    }

    /** A builder with Kube-OVN's default names. */
    public InventoryBuilder(boolean kubeOvn, List<Cidr> serviceCidrs) {
        this(kubeOvn, serviceCidrs, KubeOvnNames.DEFAULTS);
    }

    /** The inventory {@code facts} describe, without an interconnect report. */
    public LocalInventory build(ClusterFacts facts) {
        return build(facts, null);
    }

    /**
     * The inventory {@code facts} describe, its network carrying {@code interconnect} (what the agent last
     * observed of OVN interconnection; null for no report).
     */
    public LocalInventory build(ClusterFacts facts, InterconnectState interconnect) {
        List<String> problems = new ArrayList<>(facts.interconnect().problems());
        Map<ObjectKey, ExportValidity> validity = new TreeMap<>();
        List<ExportedService> exports = new ArrayList<>();
        for (ObservedExport export : facts.exports().stream()
                .sorted(Comparator.comparing(ObservedExport::key)).toList()) {
            List<String> annotationProblems = new ArrayList<>();
            ExportSettings settings = ExportSettings.read(export.key(), export.annotations(), annotationProblems);
            ObservedService service = facts.services().get(export.key());
            ExportValidity valid = validate(export.key(), service, annotationProblems, metadataProblems(export));
            validity.put(export.key(), valid);
            if (valid.valid()) {
                exports.add(exported(export, service, settings,
                        facts.slices().getOrDefault(export.key(), List.of())));
            }
        }
        return new LocalInventory(network(facts, problems).withInterconnect(interconnect), exports, validity,
                problems);
    }

    private static ExportValidity validate(ObjectKey key, ObservedService service, List<String> annotationProblems,
                                           List<String> metadataProblems) {
        if (!McsNames.isServiceName(key.name())) {
            return ExportValidity.invalid(ExportValidity.REASON_INVALID_NAME, "ServiceExport " + key + ": name \""
                    + key.name() + "\" is not a Service name (a DNS-1035 label: lowercase letters, digits and '-', "
                    + "starting with a letter, at most 63 characters); nothing is exported");
        }
        if (service == null) {
            return ExportValidity.invalid(ExportValidity.REASON_NO_SERVICE, "ServiceExport " + key
                    + ": Service " + key + " does not exist; nothing is exported");
        }
        if (ObservedService.EXTERNAL_NAME.equals(service.type())) {
            return ExportValidity.invalid(ExportValidity.REASON_INVALID_TYPE, "ServiceExport " + key
                    + ": Service " + key + " is of type ExternalName, which cannot be exported");
        }
        if (!annotationProblems.isEmpty()) {
            return ExportValidity.invalid(ExportValidity.REASON_INVALID_ANNOTATION,
                    String.join("; ", annotationProblems) + "; nothing is exported");
        }
        if (!metadataProblems.isEmpty()) {
            return ExportValidity.invalid(ExportValidity.REASON_INVALID_EXPORTED_METADATA,
                    String.join("; ", metadataProblems) + "; nothing is exported");
        }
        return ExportValidity.valid(key);
    }

    /** What is wrong with the export's exported labels and annotations, by the rules the hub reads them with. */
    private static List<String> metadataProblems(ObservedExport export) {
        List<String> problems = new ArrayList<>();
        String where = "ServiceExport " + export.key() + " spec.";
        entries(where + "exportedLabels", export.exportedLabels(), TextRule.LABEL_VALUE_OR_EMPTY, problems);
        entries(where + "exportedAnnotations", export.exportedAnnotations(),
                TextRule.maxLength(ModelReaders.DEFAULT_MAX_ANNOTATION_LENGTH), problems);
        return problems;
    }

    private static void entries(String field, Map<String, String> entries, TextRule valueRule, List<String> problems) {
        if (entries.size() > ServiceProperties.DEFAULT_MAX_EXPORTED_METADATA) {
            problems.add(field + ": " + entries.size() + " entries, more than the "
                    + ServiceProperties.DEFAULT_MAX_EXPORTED_METADATA + " fedgate carries");
        }
        new TreeMap<>(entries).forEach((key, value) -> {
            String keyProblem = ModelReaders.QUALIFIED_NAME.problem(key);
            if (keyProblem != null) {
                problems.add(field + ": key " + keyProblem);
            }
            String valueProblem = valueRule.problem(value);
            if (valueProblem != null) {
                problems.add(field + "[" + key + "]: " + valueProblem);
            }
        });
    }

    private static ExportedService exported(ObservedExport export, ObservedService service, ExportSettings settings,
                                            List<ObservedSlice> slices) {
        // The API server always stamps creationTimestamp; EPOCH only keeps a hand-made object exportable.
        Instant exportedAt = export.createdAt() != null ? export.createdAt() : Instant.EPOCH;
        return new ExportedService(export.key().serviceKey(),
                service.headless() ? ImportType.HEADLESS : ImportType.CLUSTER_SET_IP, service.sessionAffinity(),
                service.ports(), endpoints(service, slices), exportedAt, settings.weight(), settings.priority(),
                settings.policy(), service.properties().withMetadata(export.exportedLabels(),
                        export.exportedAnnotations()));
    }

    private static List<Endpoint> endpoints(ObservedService service, List<ObservedSlice> slices) {
        Map<String, Endpoint> byAddress = new TreeMap<>();
        for (ObservedSlice slice : slices) {
            if (!IPV4.equals(slice.addressType()) && !IPV6.equals(slice.addressType())) {
                continue;
            }
            Map<String, Integer> targetPorts = targetPorts(service.ports(), slice.ports());
            for (SliceEndpoint e : slice.endpoints()) {
                Endpoint endpoint = new Endpoint(e.address(), e.ready(), e.nodeName(), e.zone(), targetPorts,
                        e.hostname() != null && TextRule.DNS_LABEL.problem(e.hostname()) == null ? e.hostname() : null);
                byAddress.merge(e.address(), endpoint, (a, b) -> a.ready() ? a : b);
            }
        }
        return List.copyOf(byAddress.values());
    }

    private static Map<String, Integer> targetPorts(List<ServicePort> servicePorts, List<SlicePort> slicePorts) {
        Map<String, Integer> targets = new TreeMap<>();
        for (SlicePort slicePort : slicePorts) {
            for (ServicePort servicePort : servicePorts) {
                String name = servicePort.name() == null ? "" : servicePort.name();
                if (name.equals(slicePort.name()) && servicePort.protocol() == slicePort.protocol()
                        && servicePort.port() != slicePort.port()) {
                    targets.put(name.isEmpty() ? Integer.toString(servicePort.port()) : name, slicePort.port());
                }
            }
        }
        return targets;
    }

    private ClusterNetwork network(ClusterFacts facts, List<String> problems) {
        String region = mostCommon(facts.nodes(), ObservedNode::region);
        String zone = mostCommon(facts.nodes(), ObservedNode::zone);
        List<ObservedSubnet> subnets = kubeOvn && facts.subnets() != null ? facts.subnets() : null;
        IcConfig ic = facts.interconnect();
        String availabilityZone = subnets != null && ic.enabled() ? ic.azName() : null;
        List<String> gatewayNodes = availabilityZone != null ? ic.gatewayNodes() : List.of();
        List<GatewayEndpoint> gateways = gateways(facts);
        List<Cidr> serviceCidrs = serviceCidrs(facts, problems);
        if (subnets == null) {
            TreeSet<Cidr> podCidrs = new TreeSet<>();
            for (ObservedNode node : facts.nodes()) {
                node.podCidrs().forEach(text -> parse(text, "Node " + node.name() + " spec.podCIDRs", problems)
                        .ifPresent(podCidrs::add));
            }
            return new ClusterNetwork(region, zone, NetworkKind.OTHER, null, List.copyOf(podCidrs), serviceCidrs,
                    List.of(), List.of(), List.of(), gateways);
        }
        ObservedSubnet defaultSubnet = subnets.stream().filter(ObservedSubnet::isDefault)
                .min(Comparator.comparing(ObservedSubnet::name)).orElse(null);
        NetworkKind kind = defaultSubnet != null && defaultSubnet.underlay() ? NetworkKind.KUBE_OVN_UNDERLAY
                : NetworkKind.KUBE_OVN_OVERLAY;
        List<Cidr> podCidrs = defaultSubnet == null ? List.of() : cidrs(defaultSubnet, problems);
        List<Cidr> joinCidrs = List.of();
        List<KubeOvnSubnet> others = new ArrayList<>();
        for (ObservedSubnet subnet : subnets.stream().sorted(Comparator.comparing(ObservedSubnet::name)).toList()) {
            if (subnet == defaultSubnet) {
                continue;
            }
            List<Cidr> cidrs = cidrs(subnet, problems);
            if (names.joinSubnet().equals(subnet.name())) {
                joinCidrs = cidrs;
            } else {
                others.add(kubeOvnSubnet(subnet, cidrs, problems));
            }
        }
        return new ClusterNetwork(region, zone, kind, availabilityZone, podCidrs, serviceCidrs, joinCidrs, others,
                gatewayNodes, gateways);
    }

    /**
     * The ranges of the cluster's ServiceCIDR objects where it serves them and has at least one that parses (they
     * are what kube-apiserver allocates from, and change without restarting anyone), else the configured ones.
     */
    private List<Cidr> serviceCidrs(ClusterFacts facts, List<String> problems) {
        if (facts.serviceCidrs() == null) {
            return serviceCidrs;
        }
        TreeSet<Cidr> observed = new TreeSet<>();
        facts.serviceCidrs().forEach(text -> parse(text, "ServiceCIDR spec.cidrs", problems).ifPresent(observed::add));
        return observed.isEmpty() ? serviceCidrs : List.copyOf(observed);
    }

    /**
     * A subnet as the hub sees it. {@code spec.vpc} naming the default VPC (the cluster router's name) is the
     * same as no VPC; allowed sources of a private subnet that do not parse are left out, which only narrows
     * who may reach it.
     */
    private KubeOvnSubnet kubeOvnSubnet(ObservedSubnet subnet, List<Cidr> cidrs, List<String> problems) {
        String vpc = subnet.vpc() == null || subnet.vpc().isBlank() || subnet.vpc().equals(names.clusterRouter())
                ? null : subnet.vpc();
        List<Cidr> allow = new ArrayList<>();
        if (subnet.isPrivate()) {
            for (String text : subnet.allowSubnets()) {
                parse(text, "Subnet " + subnet.name() + " spec.allowSubnets", problems).ifPresent(allow::add);
            }
        }
        return new KubeOvnSubnet(subnet.name(), cidrs, subnet.underlay(), subnet.underlay() ? subnet.vlan() : null,
                vpc, subnet.disableInterConnection(), subnet.isPrivate(), allow.stream().sorted().distinct().toList());
    }

    private static List<Cidr> cidrs(ObservedSubnet subnet, List<String> problems) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String text : subnet.cidrs()) {
            parse(text, "Subnet " + subnet.name() + " spec.cidrBlock", problems).ifPresent(cidrs::add);
        }
        return cidrs.stream().sorted().distinct().toList();
    }

    private static java.util.Optional<Cidr> parse(String text, String where, List<String> problems) {
        try {
            return java.util.Optional.of(Cidr.parse(text.trim()).network());
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage() + "; left out of the inventory");
            return java.util.Optional.empty();
        }
    }

    private static List<GatewayEndpoint> gateways(ClusterFacts facts) {
        ObservedService service = facts.gatewayService();
        if (service == null) {
            return List.of();
        }
        int portIndex = tunnelPortIndex(service);
        List<GatewayEndpoint> gateways = new ArrayList<>();
        if (!service.ingress().isEmpty() && portIndex >= 0) {
            int port = service.ports().get(portIndex).port();
            service.ingress().stream().distinct().sorted()
                    .forEach(host -> gateways.add(new GatewayEndpoint(host, host, port)));
        } else if ((ObservedService.NODE_PORT.equals(service.type())
                || ObservedService.LOAD_BALANCER.equals(service.type()))
                && portIndex >= 0 && portIndex < service.nodePorts().size() && service.nodePorts().get(portIndex) > 0) {
            int nodePort = service.nodePorts().get(portIndex);
            for (ObservedNode node : facts.nodes()) {
                String host = node.externalAddress() != null ? node.externalAddress() : node.internalAddress();
                if (node.fedgateGateway() && host != null) {
                    gateways.add(new GatewayEndpoint(node.name(), host, nodePort));
                }
            }
        } else {
            facts.gatewayReplicas().stream().filter(GatewayReplica::ready)
                    .forEach(r -> gateways.add(new GatewayEndpoint(r.name(), r.address(), r.tunnelPort())));
        }
        return gateways.stream().sorted(Comparator.comparing(GatewayEndpoint::name)
                .thenComparing(GatewayEndpoint::host).thenComparingInt(GatewayEndpoint::port)).distinct().toList();
    }

    private static int tunnelPortIndex(ObservedService service) {
        for (int i = 0; i < service.ports().size(); i++) {
            if (TUNNEL_PORT_NAME.equals(service.ports().get(i).name())) {
                return i;
            }
        }
        return service.ports().isEmpty() ? -1 : 0;
    }

    private static String mostCommon(List<ObservedNode> nodes, Function<ObservedNode, String> label) {
        Map<String, Integer> counts = new HashMap<>();
        nodes.stream().map(label).filter(Objects::nonNull).forEach(v -> counts.merge(v, 1, Integer::sum));
        return counts.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey).orElse(null);
    }
}
