package io.fedgate.hub.planning.internal;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.KubeOvnSubnet;
import io.fedgate.api.net.Cidr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Where one cluster's exported endpoints sit among its Kube-OVN subnets, as routing over OVN-IC needs it:
 * OVN-IC carries only the subnets of the default VPC that have interconnection on, and a private subnet drops
 * traffic from sources outside its {@code allowSubnets} (routed traffic keeps the remote pod's address).
 *
 * @param offInterconnect the smallest prefix of a subnet OVN-IC does not carry that holds an endpoint, or null
 * @param privateHolders  the private subnets holding endpoints, by name
 * @param sources         the prefixes this cluster's pods send from over OVN-IC: pod CIDRs and the CIDRs of
 *                        interconnected subnets, sorted
 */
public record EndpointSubnets(Cidr offInterconnect, List<KubeOvnSubnet> privateHolders, List<Cidr> sources) {
    /** A private subnet prefix and the peer source prefix it does not admit. */
    public record RefusedSource(Cidr subnet, Cidr source) {
    }

    public EndpointSubnets {
        privateHolders = List.copyOf(privateHolders);
        sources = List.copyOf(sources);
    }

    /** The subnets of {@code cluster} that hold its exports' endpoints. */
    public static EndpointSubnets of(ClusterInventory cluster) {
        List<KubeOvnSubnet> subnets = cluster.network().subnets();
        TreeSet<Cidr> off = new TreeSet<>();
        TreeSet<String> privateNames = new TreeSet<>();
        // most clusters have no such subnet: then no endpoint needs looking at
        boolean restrictive = subnets.stream().anyMatch(s -> !s.interconnected() || s.privateSubnet());
        for (ExportedService export : restrictive ? cluster.exports() : List.<ExportedService>of()) {
            for (Endpoint endpoint : export.endpoints()) {
                for (KubeOvnSubnet subnet : subnets) {
                    Cidr holding = subnet.holding(endpoint.address());
                    if (holding == null) {
                        continue;
                    }
                    if (!subnet.interconnected()) {
                        off.add(holding.network());
                    } else if (subnet.privateSubnet()) {
                        privateNames.add(subnet.name());
                    }
                }
            }
        }
        List<KubeOvnSubnet> holders = subnets.stream().filter(s -> privateNames.contains(s.name()))
                .sorted(Comparator.comparing(KubeOvnSubnet::name)).toList();
        TreeSet<Cidr> sources = new TreeSet<>();
        cluster.network().podCidrs().forEach(c -> sources.add(c.network()));
        subnets.stream().filter(KubeOvnSubnet::interconnected)
                .forEach(s -> s.cidrs().forEach(c -> sources.add(c.network())));
        return new EndpointSubnets(off.isEmpty() ? null : off.first(), holders, new ArrayList<>(sources));
    }

    /** The first source of {@code peer} that a private subnet holding this cluster's endpoints refuses, or null. */
    public RefusedSource refusedSourceOf(EndpointSubnets peer) {
        for (KubeOvnSubnet subnet : privateHolders) {
            for (Cidr source : peer.sources) {
                if (!subnet.admits(source)) {
                    return new RefusedSource(subnet.cidrs().isEmpty() ? null : subnet.cidrs().get(0).network(), source);
                }
            }
        }
        return null;
    }
}
