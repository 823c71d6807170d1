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
 * @param interconnect     what OVN interconnection achieved here, as the agent read it; null when not reported
 *                         (no Kube-OVN, interconnection off, or an agent that predates the report)
 */
public record ClusterNetwork(String region, String zone, NetworkKind kind, String availabilityZone,
                             List<Cidr> podCidrs, List<Cidr> serviceCidrs, List<Cidr> joinCidrs,
                             List<KubeOvnSubnet> subnets, List<String> gatewayNodes,
                             List<GatewayEndpoint> gateways, InterconnectState interconnect) {
    public ClusterNetwork {
        kind = kind == null ? NetworkKind.OTHER : kind;
        podCidrs = podCidrs == null ? List.of() : List.copyOf(podCidrs);
        serviceCidrs = serviceCidrs == null ? List.of() : List.copyOf(serviceCidrs);
        joinCidrs = joinCidrs == null ? List.of() : List.copyOf(joinCidrs);
        subnets = subnets == null ? List.of() : List.copyOf(subnets);
        gatewayNodes = gatewayNodes == null ? List.of() : List.copyOf(gatewayNodes);
        gateways = gateways == null ? List.of() : List.copyOf(gateways);
    }

    /** Network facts without an interconnect report. */
    public ClusterNetwork(String region, String zone, NetworkKind kind, String availabilityZone, List<Cidr> podCidrs,
                          List<Cidr> serviceCidrs, List<Cidr> joinCidrs, List<KubeOvnSubnet> subnets,
                          List<String> gatewayNodes, List<GatewayEndpoint> gateways) {
        this(region, zone, kind, availabilityZone, podCidrs, serviceCidrs, joinCidrs, subnets, gatewayNodes, gateways,
                null);
    }

    /** These facts with another interconnect report (null for none). */
    public ClusterNetwork withInterconnect(InterconnectState state) {
        return new ClusterNetwork(region, zone, kind, availabilityZone, podCidrs, serviceCidrs, joinCidrs, subnets,
                gatewayNodes, gateways, state);
    }

    /** The prefixes pods of this cluster are addressed from (pods and Kube-OVN subnets), normalized. */
    public List<Cidr> podAddressCidrs() {
        java.util.List<Cidr> all = new java.util.ArrayList<>(podCidrs);
        subnets.forEach(s -> all.addAll(s.cidrs()));
        return all.stream().map(Cidr::network).distinct().sorted().toList();
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
