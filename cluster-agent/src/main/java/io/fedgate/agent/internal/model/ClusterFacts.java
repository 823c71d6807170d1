package io.fedgate.agent.internal.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the agent observed in its cluster at one moment, read from the informer caches: the input of
 * the inventory and of the import objects.
 *
 * @param exports         every ServiceExport
 * @param services        the Services of the exports (absent key: no such Service)
 * @param slices          the EndpointSlices of those Services, by Service
 * @param nodes           every Node
 * @param subnets         every Kube-OVN Subnet; null when Kube-OVN is off or its Subnet CRD is not installed
 * @param interconnect    the ovn-ic settings, {@link IcConfig#DISABLED} without the ConfigMap
 * @param namespaces      names of the namespaces that exist and are not terminating
 * @param gatewayService  the fedgate gateways' Service, or null when not configured or not found
 * @param gatewayReplicas its endpoints: the local gateway replicas
 * @param serviceCidrs    {@code spec.cidrs} of every ServiceCIDR not being deleted, as written; null when the
 *                        cluster serves no ServiceCIDR API
 */
public record ClusterFacts(List<ObservedExport> exports, Map<ObjectKey, ObservedService> services,
                           Map<ObjectKey, List<ObservedSlice>> slices, List<ObservedNode> nodes,
                           List<ObservedSubnet> subnets, IcConfig interconnect, Set<String> namespaces,
                           ObservedService gatewayService, List<GatewayReplica> gatewayReplicas,
                           List<String> serviceCidrs) {
    public ClusterFacts {
        exports = exports == null ? List.of() : List.copyOf(exports);
        services = services == null ? Map.of() : Map.copyOf(services);
        slices = slices == null ? Map.of() : Map.copyOf(slices);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        subnets = subnets == null ? null : List.copyOf(subnets);
        interconnect = interconnect == null ? IcConfig.DISABLED : interconnect;
        namespaces = namespaces == null ? Set.of() : Set.copyOf(namespaces);
        gatewayReplicas = gatewayReplicas == null ? List.of() : List.copyOf(gatewayReplicas);
        serviceCidrs = serviceCidrs == null ? null : List.copyOf(serviceCidrs);
    }
}
