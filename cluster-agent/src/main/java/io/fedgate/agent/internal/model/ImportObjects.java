package io.fedgate.agent.internal.model;

import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.GatewayListenerPorts;
import io.fedgate.api.model.GatewayListenerPorts.RemoteEndpoint;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.ServiceProperties;
import io.fedgate.api.model.SessionAffinity;
import io.fedgate.api.net.IpAddresses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The objects that make a plan's imports real in this cluster, as {@code *State} records. Pure.
 *
 * <ul>
 *   <li>An import lands only in a namespace that exists ({@link #landing}).</li>
 *   <li>ServiceImport: type, ports, session affinity and its timeout, internal traffic policy, traffic
 *       distribution and IP families of the plan; the exported labels and annotations in its metadata; for
 *       ClusterSetIP its {@code ips} are the derived Service's cluster IPs (one per family, dual stack
 *       included) once the API server allocated them, and its {@code ipFamilies} theirs. Its status lists the
 *       exporting clusters.</li>
 *   <li>Derived Service (ClusterSetIP only): selector-less, the import's ports and affinity (with
 *       Kubernetes' default timeout of {@value #DEFAULT_AFFINITY_TIMEOUT_SECONDS} s when the exporter set
 *       none), {@code PreferDualStack} when the exporter has two families, owned by the ServiceImport.</li>
 *   <li>Per-endpoint derived Services (headless only): one per {@link RemoteEndpoint remote endpoint} of a
 *       gateway-path cluster, selector-less, the import's ports, labelled with the source cluster, owned by the
 *       ServiceImport. A per-pod DNS name answers one address and the client connects on the service's own port,
 *       so each remote pod needs an address of its own here: kube-proxy sends {@code <its cluster IP>:<service
 *       port>} to the gateways' listener of that endpoint, whose stream reaches that pod only.</li>
 *   <li>EndpointSlices: per serving cluster, labelled with the MCS service name and source cluster, owned by
 *       the ServiceImport, with {@code kubernetes.io/service-name} naming the derived Service so kube-proxy
 *       sends the import's IP to them.
 *       <ul>
 *         <li>{@link DataPath#DIRECT} and {@link DataPath#ROUTED}: the serving cluster's endpoint addresses
 *             themselves, on their target ports, with their {@code hostname} (per-pod DNS names of headless
 *             imports);</li>
 *         <li>{@link DataPath#GATEWAY}, ClusterSetIP: this cluster's gateway replicas, on the ports the gateways
 *             listen on for the import, which both sides derive from the plan alone with {@link
 *             GatewayListenerPorts} (two imports may share a service port; one gateway pod cannot). A replica is
 *             ready when it is and the serving cluster is healthy in the plan.</li>
 *         <li>{@link DataPath#GATEWAY}, headless: per remote endpoint, the cluster IP of its per-endpoint
 *             derived Service (once allocated) on the service's own ports, with the endpoint's
 *             {@code hostname}; and each per-endpoint derived Service's own slice: the gateway replicas on that
 *             endpoint's listener ports, labelled {@link McsNames#FEDGATE_IMPORT} rather than with the MCS
 *             service name (DNS must not take the gateways for endpoints of the import). Ready when the
 *             endpoint is and its cluster is healthy (and, for the gateways' slice, the replica is ready).</li>
 *       </ul>
 *       A serving cluster without endpoints keeps one empty slice, so a cluster coming back is one patch,
 *       not a create.</li>
 * </ul>
 */
public final class ImportObjects {
    /** {@code addressType} of IPv4 slices. */
    public static final String IPV4 = "IPv4";
    /** {@code addressType} of IPv6 slices. */
    public static final String IPV6 = "IPv6";
    /** What the API server sets {@code sessionAffinityConfig.clientIP.timeoutSeconds} to when none is given. */
    public static final int DEFAULT_AFFINITY_TIMEOUT_SECONDS = 10800;
    /** {@code ipFamilyPolicy} of the derived Service of a dual-stack import. */
    public static final String PREFER_DUAL_STACK = "PreferDualStack";
    /** The ServiceImport condition type (MCS v1beta1). */
    public static final String READY = "Ready";
    /** {@code Ready=True} reason. */
    public static final String REASON_READY = "Ready";
    /** {@code Ready=False} reason: no IP yet. */
    public static final String REASON_PENDING = "Pending";

    private final Map<String, String> importLabels = Map.of(McsNames.MANAGED_BY, McsNames.FEDGATE);

    /** The plan's imports whose namespace exists here, in service order. */
    public List<ServiceImport> landing(ClusterPlan plan, Set<String> namespaces) {
        return plan.imports().stream().filter(i -> namespaces.contains(i.service().namespace()))
                .sorted(Comparator.comparing(ServiceImport::service)).toList();
    }

    /**
     * The ServiceImport of {@code service}.
     *
     * @param clusterIps the derived Service's allocated cluster IPs, primary first; empty while none
     * @param families   their families ({@code spec.ipFamilies} of the derived Service)
     */
    public ServiceImportState serviceImport(ServiceImport service, List<String> clusterIps, List<String> families) {
        boolean allocated = service.type() == ImportType.CLUSTER_SET_IP && !clusterIps.isEmpty();
        List<String> ips = allocated ? clusterIps.stream().limit(2).toList() : List.of();
        ServiceProperties properties = service.properties();
        List<String> ipFamilies = allocated && families.size() == ips.size() ? families
                : allocated ? ips.stream().map(ImportObjects::family).toList() : properties.ipFamilies();
        Map<String, String> labels = new TreeMap<>(properties.labels());
        labels.putAll(importLabels);
        Map<String, String> annotations = new TreeMap<>(properties.annotations());
        if (!properties.labels().isEmpty()) {
            annotations.put(McsNames.EXPORTED_LABEL_KEYS, String.join(",", properties.labels().keySet()));
        }
        if (!properties.annotations().isEmpty()) {
            annotations.put(McsNames.EXPORTED_ANNOTATION_KEYS, String.join(",", properties.annotations().keySet()));
        }
        Integer timeout = service.sessionAffinity() == SessionAffinity.CLIENT_IP
                ? properties.sessionAffinityTimeoutSeconds() : null;
        return new ServiceImportState(ObjectKey.of(service.service()), labels, annotations, service.type(),
                ports(service), ips, ipFamilies, service.sessionAffinity(), timeout,
                properties.internalTrafficPolicy(), properties.trafficDistribution());
    }

    /**
     * The ServiceImport's status: the exporting clusters, and {@code Ready}: True ({@code Ready}) for a headless
     * import or once a ClusterSetIP import has its IPs, else False ({@code Pending}).
     *
     * @param spec   the ServiceImport as it should be ({@link #serviceImport})
     * @param stored its stored status, or null
     */
    public ServiceImportStatusState status(ServiceImport service, ServiceImportState spec,
                                           ServiceImportStatusState stored, Instant now) {
        boolean ready = service.type() == ImportType.HEADLESS || !spec.ips().isEmpty();
        ConditionState condition = ConditionState.at(stored == null ? null : stored.condition(READY), READY,
                ConditionState.status(ready), ready ? REASON_READY : REASON_PENDING,
                ready ? "imported from " + service.clusters().size() + " cluster(s)"
                        : "waiting for the API server to allocate the cluster IPs of the derived Service", null, now);
        return new ServiceImportStatusState(ObjectKey.of(service.service()),
                service.clusters().stream().map(ClusterEndpoints::clusterId).distinct().sorted().toList(),
                List.of(condition));
    }

    /** The derived Service of a ClusterSetIP import, or null for a headless one (it has none). */
    public DerivedServiceState derivedService(ServiceImport service, OwnerRef owner) {
        if (service.type() != ImportType.CLUSTER_SET_IP) {
            return null;
        }
        String name = service.service().name();
        ServiceProperties properties = service.properties();
        Integer timeout = service.sessionAffinity() != SessionAffinity.CLIENT_IP ? null
                : properties.sessionAffinityTimeoutSeconds() != null ? properties.sessionAffinityTimeoutSeconds()
                : Integer.valueOf(DEFAULT_AFFINITY_TIMEOUT_SECONDS);
        // the families themselves are the API server's to choose (the cluster may be single-stack)
        String familyPolicy = properties.ipFamilies().size() > 1 ? PREFER_DUAL_STACK : null;
        return new DerivedServiceState(new ObjectKey(service.service().namespace(), McsNames.derivedServiceName(name)),
                Map.of(McsNames.MANAGED_BY, McsNames.FEDGATE, McsNames.MCS_SERVICE_NAME, name), owner,
                ports(service), service.sessionAffinity(), timeout, familyPolicy);
    }

    /**
     * The per-endpoint derived Services of a headless import, one per remote endpoint of its gateway-path clusters,
     * sorted by name; none for a ClusterSetIP import.
     */
    public List<DerivedServiceState> endpointServices(ServiceImport service, OwnerRef owner) {
        if (service.type() != ImportType.HEADLESS) {
            return List.of();
        }
        List<DerivedServiceState> services = new ArrayList<>();
        for (RemoteEndpoint endpoint : GatewayListenerPorts.remoteEndpoints(service)) {
            services.add(new DerivedServiceState(endpointServiceKey(service, endpoint),
                    Map.of(McsNames.MANAGED_BY, McsNames.FEDGATE, McsNames.MCS_SERVICE_NAME, service.service().name(),
                            McsNames.MCS_SOURCE_CLUSTER, endpoint.clusterId()),
                    owner, ports(service), SessionAffinity.NONE, null, null));
        }
        return services.stream().sorted(Comparator.comparing(DerivedServiceState::key)).toList();
    }

    /** The key of the per-endpoint derived Service of {@code endpoint} of the headless {@code service}. */
    public static ObjectKey endpointServiceKey(ServiceImport service, RemoteEndpoint endpoint) {
        return new ObjectKey(service.service().namespace(),
                McsNames.endpointServiceName(service.service().name(), endpoint));
    }

    /**
     * The EndpointSlices of {@code service}, one or more per serving cluster, and for a headless import those of
     * its per-endpoint derived Services, sorted by name.
     *
     * @param gateways           this cluster's gateway replicas, for gateway-path clusters
     * @param gatewayPorts       the gateways' listener port per listener ({@link GatewayListenerPorts#assign})
     * @param endpointServiceIps the allocated (primary) cluster IP per per-endpoint derived Service; one without
     *                           an IP yet is left out of the import's slices
     * @param skipped            receives one message per endpoint address that is not a literal IP (left out)
     */
    public List<EndpointSliceState> endpointSlices(ServiceImport service, OwnerRef owner,
                                                   List<GatewayReplica> gateways,
                                                   Map<GatewayListenerPorts.Listener, Integer> gatewayPorts,
                                                   Map<ObjectKey, String> endpointServiceIps, List<String> skipped) {
        List<EndpointSliceState> slices = new ArrayList<>();
        boolean headless = service.type() == ImportType.HEADLESS;
        for (ClusterEndpoints serving : service.clusters()) {
            Map<SliceShape, List<SliceEndpoint>> groups = serving.path() != DataPath.GATEWAY
                    ? endpointGroups(service, serving, skipped)
                    : headless ? perPodGroups(service, serving, endpointServiceIps)
                    : gatewayGroups(service, null, serving.healthy(), gateways, gatewayPorts);
            slices.addAll(slices(service, serving.clusterId(), owner, importSliceLabels(service, serving.clusterId()),
                    service.service().name(), groups));
            if (headless && serving.path() == DataPath.GATEWAY) {
                slices.addAll(endpointServiceSlices(service, serving, owner, gateways, gatewayPorts));
            }
        }
        return slices.stream().sorted(Comparator.comparing(EndpointSliceState::key)).toList();
    }

    private Map<String, String> importSliceLabels(ServiceImport service, String sourceCluster) {
        Map<String, String> labels = sliceLabels(sourceCluster);
        labels.put(McsNames.MCS_SERVICE_NAME, service.service().name());
        // also on headless imports (no derived Service): every slice carries the same label keys, so a type
        // change is a plain value change for every write method
        labels.put(McsNames.SLICE_SERVICE_NAME, McsNames.derivedServiceName(service.service().name()));
        return labels;
    }

    private static Map<String, String> sliceLabels(String sourceCluster) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(McsNames.MANAGED_BY, McsNames.FEDGATE);
        labels.put(McsNames.SLICE_MANAGED_BY, McsNames.FEDGATE);
        labels.put(McsNames.MCS_SOURCE_CLUSTER, sourceCluster);
        return labels;
    }

    /** The slices of the per-endpoint derived Services of {@code serving}'s endpoints: the gateways. */
    private List<EndpointSliceState> endpointServiceSlices(ServiceImport service, ClusterEndpoints serving,
                                                           OwnerRef owner, List<GatewayReplica> gateways,
                                                           Map<GatewayListenerPorts.Listener, Integer> gatewayPorts) {
        List<EndpointSliceState> slices = new ArrayList<>();
        Set<RemoteEndpoint> seen = new HashSet<>();
        for (Endpoint e : serving.endpoints()) {
            RemoteEndpoint endpoint = RemoteEndpoint.of(serving.clusterId(), e);
            if (!seen.add(endpoint)) {
                continue;
            }
            String name = endpointServiceKey(service, endpoint).name();
            Map<String, String> labels = sliceLabels(serving.clusterId());
            labels.put(McsNames.FEDGATE_IMPORT, service.service().name());
            labels.put(McsNames.SLICE_SERVICE_NAME, name);
            slices.addAll(slices(service, serving.clusterId(), owner, labels, name,
                    gatewayGroups(service, endpoint, serving.healthy() && e.ready(), gateways, gatewayPorts)));
        }
        return slices;
    }

    /**
     * @param baseName the name slices are named after: the import's, or a per-endpoint derived Service's
     */
    private List<EndpointSliceState> slices(ServiceImport service, String sourceCluster, OwnerRef owner,
                                            Map<String, String> labels, String baseName,
                                            Map<SliceShape, List<SliceEndpoint>> groups) {
        if (groups.isEmpty()) {
            groups.put(new SliceShape(IPV4, slicePorts(service, Map.of())), List.of());
        }
        Map<String, Integer> nextIndex = new TreeMap<>();
        List<EndpointSliceState> slices = new ArrayList<>();
        for (Map.Entry<SliceShape, List<SliceEndpoint>> group : groups.entrySet()) {
            List<SliceEndpoint> endpoints = group.getValue().stream()
                    .sorted(Comparator.comparing(SliceEndpoint::address)).toList();
            String family = group.getKey().addressType();
            int from = 0;
            do {
                int to = Math.min(endpoints.size(), from + McsNames.MAX_ENDPOINTS_PER_SLICE);
                int index = nextIndex.merge(family, 1, Integer::sum) - 1;
                String name = McsNames.sliceName(baseName, sourceCluster, family, index);
                slices.add(new EndpointSliceState(new ObjectKey(service.service().namespace(), name), labels, owner,
                        family, group.getKey().ports(), endpoints.subList(from, to)));
                from = to;
            } while (from < endpoints.size());
        }
        return slices;
    }

    /**
     * The gateway replicas on the listener ports of {@code service} (of {@code endpoint}, for a per-endpoint
     * derived Service), ready when they are and {@code servingReady}.
     */
    private Map<SliceShape, List<SliceEndpoint>> gatewayGroups(ServiceImport service, RemoteEndpoint endpoint,
                                                               boolean servingReady, List<GatewayReplica> gateways,
                                                               Map<GatewayListenerPorts.Listener, Integer> gatewayPorts) {
        Map<SliceShape, List<SliceEndpoint>> groups = new TreeMap<>();
        Map<String, Integer> listenerPorts = new HashMap<>();
        for (ServicePort port : ports(service)) {
            Integer listener = gatewayPorts.get(new GatewayListenerPorts.Listener(service.service(), port.port(),
                    endpoint));
            if (listener != null) {
                listenerPorts.put(port.name() != null ? port.name() : Integer.toString(port.port()), listener);
            }
        }
        List<SlicePort> ports = slicePorts(service, listenerPorts);
        for (GatewayReplica gateway : gateways) {
            groups.computeIfAbsent(new SliceShape(family(gateway.address()), ports), k -> new ArrayList<>())
                    .add(SliceEndpoint.imported(gateway.address(), gateway.ready() && servingReady));
        }
        return groups;
    }

    /** Per endpoint of a gateway-path cluster of a headless import: its per-endpoint derived Service's IP. */
    private Map<SliceShape, List<SliceEndpoint>> perPodGroups(ServiceImport service, ClusterEndpoints serving,
                                                              Map<ObjectKey, String> endpointServiceIps) {
        Map<SliceShape, List<SliceEndpoint>> groups = new TreeMap<>();
        List<SlicePort> ports = slicePorts(service, Map.of());
        Set<String> seen = new HashSet<>();
        for (Endpoint e : serving.endpoints()) {
            String ip = endpointServiceIps.get(endpointServiceKey(service, RemoteEndpoint.of(serving.clusterId(), e)));
            if (ip != null && seen.add(ip)) {
                groups.computeIfAbsent(new SliceShape(family(ip), ports), k -> new ArrayList<>())
                        .add(SliceEndpoint.imported(ip, e.ready() && serving.healthy(), e.hostname()));
            }
        }
        return groups;
    }

    private Map<SliceShape, List<SliceEndpoint>> endpointGroups(ServiceImport service, ClusterEndpoints serving,
                                                                List<String> skipped) {
        Map<SliceShape, List<SliceEndpoint>> groups = new TreeMap<>();
        for (Endpoint endpoint : serving.endpoints()) {
            if (!IpAddresses.isLiteral(endpoint.address())) {
                skipped.add("import " + service.service() + " from cluster " + serving.clusterId() + ": endpoint \""
                        + endpoint.address() + "\" is not an IP address; left out");
                continue;
            }
            SliceShape shape = new SliceShape(family(endpoint.address()), slicePorts(service, endpoint.targetPorts()));
            groups.computeIfAbsent(shape, k -> new ArrayList<>())
                    .add(SliceEndpoint.imported(endpoint.address(), endpoint.ready(), endpoint.hostname()));
        }
        return groups;
    }

    private static List<SlicePort> slicePorts(ServiceImport service, Map<String, Integer> targetPorts) {
        List<SlicePort> ports = new ArrayList<>();
        for (ServicePort port : ports(service)) {
            String key = port.name() != null ? port.name() : Integer.toString(port.port());
            ports.add(new SlicePort(port.name(), targetPorts.getOrDefault(key, port.port()), port.protocol(),
                    port.appProtocol()));
        }
        return ports.stream().sorted().toList();
    }

    /** The import's ports with blank names as null, so desired and observed compare equal. */
    private static List<ServicePort> ports(ServiceImport service) {
        return service.ports().stream().map(p -> p.name() != null && p.name().isEmpty()
                ? new ServicePort(null, p.port(), p.protocol(), p.appProtocol()) : p).toList();
    }

    private static String family(String address) {
        return address.indexOf(':') >= 0 ? IPV6 : IPV4;
    }

    /** What endpoints of one slice share: address family and ports. */
    private record SliceShape(String addressType, List<SlicePort> ports) implements Comparable<SliceShape> {
        @Override
        public int compareTo(SliceShape o) {
            int c = addressType.compareTo(o.addressType);
            for (int i = 0; c == 0 && i < Math.min(ports.size(), o.ports.size()); i++) {
                c = ports.get(i).compareTo(o.ports.get(i));
            }
            return c != 0 ? c : Integer.compare(ports.size(), o.ports.size());
        }
    }
}
