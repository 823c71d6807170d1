package io.fedgate.api.topology;

import io.fedgate.api.model.KubeOvnSubnet;
import io.fedgate.api.model.NetworkKind;
import io.fedgate.api.net.Cidr;
import java.util.List;

/**
 * One cluster of a topology file.
 *
 * @param network          what the cluster's CNI is ({@code kube-ovn-overlay}, {@code kube-ovn-underlay}, {@code other})
 * @param availabilityZone the OVN AZ name; set exactly for Kube-OVN clusters
 * @param gateways         how many fedgate gateway replicas the cluster runs (1..16)
 * @param gatewayNodes     Kube-OVN ovn-ic gateway nodes, in preference order
 */
public record TopologyCluster(String id, String region, String zone, NetworkKind network, String availabilityZone,
                              List<Cidr> podCidrs, List<Cidr> serviceCidrs, List<Cidr> joinCidrs,
                              List<KubeOvnSubnet> subnets, int gateways, List<String> gatewayNodes) {
    public TopologyCluster {
        podCidrs = podCidrs == null ? List.of() : List.copyOf(podCidrs);
        serviceCidrs = serviceCidrs == null ? List.of() : List.copyOf(serviceCidrs);
        joinCidrs = joinCidrs == null ? List.of() : List.copyOf(joinCidrs);
        subnets = subnets == null ? List.of() : List.copyOf(subnets);
        gatewayNodes = gatewayNodes == null ? List.of() : List.copyOf(gatewayNodes);
    }

    /** True for Kube-OVN clusters, overlay or underlay: those that can take part in OVN interconnection. */
    public boolean isKubeOvn() {
        return network == NetworkKind.KUBE_OVN_OVERLAY || network == NetworkKind.KUBE_OVN_UNDERLAY;
    }
}
