package io.fedgate.api.model;

import io.fedgate.api.net.Cidr;
import java.util.List;

/**
 * The network facts of one cluster: where it is, its address plan, and its ways out.
 *
 * @param availabilityZone the OVN availability-zone name ({@code NB_Global.name}); null when the cluster
 *                         does not take part in OVN interconnection
 * @param gatewayNodes     Kube-OVN ovn-ic gateway nodes (chassis names), in preference order
 * @param gateways         fedgate gateway replicas' tunnel listeners
 */
public record ClusterNetwork(String region, String zone, NetworkKind kind, String availabilityZone,
                             List<Cidr> podCidrs, List<Cidr> serviceCidrs, List<Cidr> joinCidrs,
                             List<KubeOvnSubnet> subnets, List<String> gatewayNodes,
                             List<GatewayEndpoint> gateways) {
    public ClusterNetwork {
        kind = kind == null ? NetworkKind.OTHER : kind;
        podCidrs = podCidrs == null ? List.of() : List.copyOf(podCidrs);
        serviceCidrs = serviceCidrs == null ? List.of() : List.copyOf(serviceCidrs);
        joinCidrs = joinCidrs == null ? List.of() : List.copyOf(joinCidrs);
        subnets = subnets == null ? List.of() : List.copyOf(subnets);
        gatewayNodes = gatewayNodes == null ? List.of() : List.copyOf(gatewayNodes);
        gateways = gateways == null ? List.of() : List.copyOf(gateways);
    }

    /** Every prefix this cluster owns: pods, services, join network and subnets. */
    public List<Cidr> allCidrs() {
        java.util.List<Cidr> all = new java.util.ArrayList<>(podCidrs);
        all.addAll(serviceCidrs);
        all.addAll(joinCidrs);
        subnets.forEach(s -> all.addAll(s.cidrs()));
        return all.stream().distinct().sorted().toList();
    }
}
