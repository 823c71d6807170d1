package io.fedgate.api.model;

import io.fedgate.api.net.Cidr;
import java.util.List;

/**
 * A Kube-OVN {@code Subnet} ({@code kubeovn.io/v1}) as path selection needs it.
 *
 * @param underlay                true when pods sit on a physical VLAN ({@code spec.vlan} set, no overlay)
 * @param vlan                    the VLAN name when underlay, else null
 * @param vpc                     {@code spec.vpc} when it names a custom VPC, else null: only subnets of the
 *                                default VPC hang off the cluster router that OVN-IC advertises
 * @param interconnectionDisabled {@code spec.disableInterConnection}: Kube-OVN keeps the subnet out of OVN-IC
 * @param privateSubnet           {@code spec.private}: only the subnet itself and {@code allowSubnets} may reach it
 * @param allowSubnets            {@code spec.allowSubnets} of a private subnet, else empty
 */
public record KubeOvnSubnet(String name, List<Cidr> cidrs, boolean underlay, String vlan, String vpc,
                            boolean interconnectionDisabled, boolean privateSubnet, List<Cidr> allowSubnets) {
    public KubeOvnSubnet {
        cidrs = cidrs == null ? List.of() : List.copyOf(cidrs);
        vpc = vpc == null || vpc.isBlank() ? null : vpc;
        allowSubnets = allowSubnets == null || !privateSubnet ? List.of() : List.copyOf(allowSubnets);
    }

    /** A default-VPC subnet on the interconnection, open to everyone. */
    public KubeOvnSubnet(String name, List<Cidr> cidrs, boolean underlay, String vlan) {
        this(name, cidrs, underlay, vlan, null, false, false, List.of());
    }

    /** True when OVN-IC carries this subnet: it is in the default VPC and interconnection is not disabled. */
    public boolean interconnected() {
        return vpc == null && !interconnectionDisabled;
    }

    /**
     * True when pods with addresses in {@code source} may reach this subnet: it is not private, or one of its
     * own CIDRs or {@code allowSubnets} contains {@code source} (Kube-OVN's private-subnet ACLs).
     */
    public boolean admits(Cidr source) {
        if (!privateSubnet) {
            return true;
        }
        return cidrs.stream().anyMatch(c -> c.contains(source)) || allowSubnets.stream().anyMatch(c -> c.contains(source));
    }

    /** The first of this subnet's CIDRs holding {@code address}, or null. */
    public Cidr holding(String address) {
        for (Cidr cidr : cidrs) {
            if (cidr.containsAddress(address)) {
                return cidr;
            }
        }
        return null;
    }
}
