package io.fedgate.agent.internal.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fedgate.agent.internal.model.ClusterFacts;
import io.fedgate.agent.internal.model.ConditionState;
import io.fedgate.agent.internal.model.GatewayReplica;
import io.fedgate.agent.internal.model.IcConfig;
import io.fedgate.agent.internal.model.ObjectKey;
import io.fedgate.agent.internal.model.ObservedExport;
import io.fedgate.agent.internal.model.ObservedNode;
import io.fedgate.agent.internal.model.ObservedService;
import io.fedgate.agent.internal.model.ObservedSlice;
import io.fedgate.agent.internal.model.ObservedSubnet;
import io.fedgate.agent.internal.model.SliceEndpoint;
import io.fedgate.agent.internal.model.SlicePort;
import io.fedgate.api.model.Protocol;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.ServiceProperties;
import io.fedgate.api.model.SessionAffinity;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the informer caches into {@link ClusterFacts}: fabric8 objects become the pure model's records here
 * and nowhere else.
 */
public final class FactsReader {
    /** Node label marking nodes that may carry fedgate gateways. */
    public static final String GATEWAY_NODE_LABEL = "fedgate.io/gateway";
    private static final String REGION_LABEL = "topology.kubernetes.io/region";
    private static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    private static final String TERMINATING = "Terminating";

    private final ClusterCaches caches;
    private final ObjectKey gatewayService;

    /** @param gatewayService the fedgate gateways' Service, or null when none is configured */
    public FactsReader(ClusterCaches caches, ObjectKey gatewayService) {
        this.caches = caches;
        this.gatewayService = gatewayService;
    }

    /** What the caches hold now. */
    public ClusterFacts read() {
        List<ObservedExport> exports = caches.serviceExports().stream().map(FactsReader::export).toList();
        Map<ObjectKey, ObservedService> services = new HashMap<>();
        Map<ObjectKey, List<ObservedSlice>> slices = new HashMap<>();
        for (ObservedExport export : exports) {
            Service service = caches.service(export.key());
            if (service != null) {
                services.put(export.key(), service(service));
                slices.put(export.key(), caches.slicesOf(export.key()).stream().map(FactsReader::slice).toList());
            }
        }
        List<ObservedNode> nodes = caches.nodes().stream().map(FactsReader::node).toList();
        List<GenericKubernetesResource> subnetObjects = caches.subnets();
        List<ObservedSubnet> subnets = subnetObjects == null ? null
                : subnetObjects.stream().map(FactsReader::subnet).toList();
        Set<String> namespaces = caches.namespaces().stream().filter(FactsReader::active)
                .map(n -> n.getMetadata().getName()).collect(Collectors.toSet());
        ObservedService gateway = null;
        List<GatewayReplica> replicas = List.of();
        if (gatewayService != null) {
            Service service = caches.service(gatewayService);
            gateway = service == null ? null : service(service);
            replicas = caches.slicesOf(gatewayService).stream().flatMap(s -> replicas(s).stream()).toList();
        }
        return new ClusterFacts(exports, services, slices, nodes, subnets, IcConfig.parse(caches.icConfigData()),
                namespaces, gateway, replicas, serviceCidrs(caches.serviceCidrs()));
    }

    /** The ranges of the ServiceCIDRs that allocate (one being deleted allocates no new IPs). */
    private static List<String> serviceCidrs(List<GenericKubernetesResource> objects) {
        if (objects == null) {
            return null;
        }
        return objects.stream().filter(o -> o.getMetadata().getDeletionTimestamp() == null)
                .flatMap(o -> GenericFields.list(GenericFields.map(o, "spec"), "cidrs").stream())
                .filter(Objects::nonNull).map(Object::toString).toList();
    }

    static ObservedExport export(GenericKubernetesResource export) {
        List<ConditionState> conditions = ObjectMaps.conditions(export);
        Map<String, Object> spec = GenericFields.map(export, "spec");
        return new ObservedExport(key(export.getMetadata().getNamespace(), export.getMetadata().getName()),
                instant(export.getMetadata().getCreationTimestamp()), export.getMetadata().getGeneration(),
                export.getMetadata().getAnnotations(), conditions, GenericFields.textMap(spec, "exportedLabels"),
                GenericFields.textMap(spec, "exportedAnnotations"));
    }

    static ObservedService service(Service service) {
        var spec = service.getSpec();
        List<ServicePort> ports = new ArrayList<>();
        List<Integer> nodePorts = new ArrayList<>();
        if (spec.getPorts() != null) {
            for (io.fabric8.kubernetes.api.model.ServicePort p : spec.getPorts()) {
                ports.add(new ServicePort(blankToNull(p.getName()), p.getPort(), protocol(p.getProtocol()),
                        p.getAppProtocol()));
                nodePorts.add(p.getNodePort() == null ? 0 : p.getNodePort());
            }
        }
        List<String> ingress = new ArrayList<>();
        if (service.getStatus() != null && service.getStatus().getLoadBalancer() != null
                && service.getStatus().getLoadBalancer().getIngress() != null) {
            for (LoadBalancerIngress i : service.getStatus().getLoadBalancer().getIngress()) {
                String host = i.getIp() != null ? i.getIp() : i.getHostname();
                if (host != null) {
                    ingress.add(host);
                }
            }
        }
        String clusterIp = spec.getClusterIP();
        boolean headless = "None".equals(clusterIp);
        return new ObservedService(key(service.getMetadata().getNamespace(), service.getMetadata().getName()),
                spec.getType(), headless, headless || clusterIp == null || clusterIp.isEmpty() ? null : clusterIp,
                "ClientIP".equals(spec.getSessionAffinity()) ? SessionAffinity.CLIENT_IP : SessionAffinity.NONE,
                ports, nodePorts, ingress, properties(spec));
    }

    private static ServiceProperties properties(io.fabric8.kubernetes.api.model.ServiceSpec spec) {
        Integer timeout = null;
        // Kubernetes defaults the timeout to 10800 s for ClientIP affinity only; None carries no config
        if ("ClientIP".equals(spec.getSessionAffinity()) && spec.getSessionAffinityConfig() != null
                && spec.getSessionAffinityConfig().getClientIP() != null) {
            timeout = spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds();
        }
        return new ServiceProperties(timeout, spec.getInternalTrafficPolicy(), spec.getTrafficDistribution(),
                spec.getIpFamilies(), null, null);
    }

    static ObservedSlice slice(EndpointSlice slice) {
        List<SlicePort> ports = slice.getPorts() == null ? List.of() : slice.getPorts().stream()
                .filter(p -> p.getPort() != null).map(FactsReader::port).toList();
        List<SliceEndpoint> endpoints = new ArrayList<>();
        if (slice.getEndpoints() != null) {
            for (Endpoint e : slice.getEndpoints()) {
                boolean ready = ready(e);
                for (String address : e.getAddresses() == null ? List.<String>of() : e.getAddresses()) {
                    endpoints.add(new SliceEndpoint(address, ready, e.getNodeName(), e.getZone(), e.getHostname()));
                }
            }
        }
        return new ObservedSlice(key(slice.getMetadata().getNamespace(), slice.getMetadata().getName()),
                slice.getAddressType(), ports, endpoints);
    }

    static SlicePort port(EndpointPort p) {
        return new SlicePort(p.getName(), p.getPort(), protocol(p.getProtocol()), p.getAppProtocol());
    }

    /** An absent {@code ready} condition means ready, as the EndpointSlice API defines it. */
    static boolean ready(Endpoint e) {
        return e.getConditions() == null || e.getConditions().getReady() == null || e.getConditions().getReady();
    }

    private static List<GatewayReplica> replicas(EndpointSlice slice) {
        if (slice.getPorts() == null || slice.getPorts().isEmpty() || slice.getEndpoints() == null) {
            return List.of();
        }
        EndpointPort tunnel = slice.getPorts().stream()
                .filter(p -> "tunnel".equals(p.getName()) && p.getPort() != null).findFirst()
                .orElse(slice.getPorts().get(0));
        if (tunnel.getPort() == null) {
            return List.of();
        }
        List<GatewayReplica> replicas = new ArrayList<>();
        for (Endpoint e : slice.getEndpoints()) {
            for (String address : e.getAddresses() == null ? List.<String>of() : e.getAddresses()) {
                String name = e.getTargetRef() != null && e.getTargetRef().getName() != null
                        ? e.getTargetRef().getName() : address;
                replicas.add(new GatewayReplica(name, address, ready(e), e.getNodeName(), tunnel.getPort()));
            }
        }
        return replicas;
    }

    private static ObservedNode node(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        List<NodeAddress> addresses = node.getStatus() == null || node.getStatus().getAddresses() == null ? List.of()
                : node.getStatus().getAddresses();
        List<String> podCidrs = node.getSpec() == null || node.getSpec().getPodCIDRs() == null
                || node.getSpec().getPodCIDRs().isEmpty()
                ? node.getSpec() == null || node.getSpec().getPodCIDR() == null ? List.of()
                : List.of(node.getSpec().getPodCIDR())
                : node.getSpec().getPodCIDRs();
        return new ObservedNode(node.getMetadata().getName(), labels.get(REGION_LABEL), labels.get(ZONE_LABEL), podCidrs,
                "true".equals(labels.get(GATEWAY_NODE_LABEL)), address(addresses, "ExternalIP"),
                address(addresses, "InternalIP"));
    }

    private static String address(List<NodeAddress> addresses, String type) {
        return addresses.stream().filter(a -> type.equals(a.getType())).map(NodeAddress::getAddress)
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static ObservedSubnet subnet(GenericKubernetesResource subnet) {
        Map<String, Object> spec = GenericFields.map(subnet, "spec");
        String block = GenericFields.text(spec, "cidrBlock");
        List<String> cidrs = block == null ? List.of()
                : Arrays.stream(block.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<String> allow = GenericFields.list(spec, "allowSubnets").stream().filter(Objects::nonNull)
                .map(Object::toString).toList();
        return new ObservedSubnet(subnet.getMetadata().getName(), cidrs, GenericFields.text(spec, "vlan"),
                GenericFields.flag(spec, "default"), GenericFields.text(spec, "vpc"),
                GenericFields.flag(spec, "disableInterConnection"), GenericFields.flag(spec, "private"), allow);
    }

    private static boolean active(Namespace namespace) {
        return namespace.getMetadata().getDeletionTimestamp() == null && (namespace.getStatus() == null
                || !TERMINATING.equals(namespace.getStatus().getPhase()));
    }

    static Protocol protocol(String text) {
        if (text == null || text.isEmpty()) {
            return Protocol.TCP;
        }
        for (Protocol p : Protocol.values()) {
            if (p.name().equals(text)) {
                return p;
            }
        }
        return Protocol.TCP;
    }

    private static Instant instant(String timestamp) {
        if (timestamp == null) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            // the API server writes RFC 3339; anything else is treated like an absent timestamp
            return null;
        }
    }

    private static ObjectKey key(String namespace, String name) {
        return new ObjectKey(namespace == null ? "" : namespace, name);
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
