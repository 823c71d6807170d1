package io.fedgate.agent.internal.model;

import java.util.List;

/**
 * A Kube-OVN {@code Subnet} ({@code kubeovn.io/v1}).
 *
 * @param cidrs                  {@code spec.cidrBlock} split at commas (dual stack), as written
 * @param vlan                   {@code spec.vlan}: set for underlay subnets, null or blank for overlay ones
 * @param isDefault              {@code spec.default}: the subnet pods get when nothing else says
 * @param vpc                    {@code spec.vpc}, or null (Kube-OVN then puts the subnet in the default VPC)
 * @param disableInterConnection {@code spec.disableInterConnection}
 * @param isPrivate              {@code spec.private}
 * @param allowSubnets           {@code spec.allowSubnets}, as written
 */
public record ObservedSubnet(String name, List<String> cidrs, String vlan, boolean isDefault, String vpc,
                             boolean disableInterConnection, boolean isPrivate, List<String> allowSubnets) {
    public ObservedSubnet {
        cidrs = cidrs == null ? List.of() : List.copyOf(cidrs);
        allowSubnets = allowSubnets == null ? List.of() : List.copyOf(allowSubnets);
    }

    /** A default-VPC subnet with interconnection on, open to all. */
    public ObservedSubnet(String name, List<String> cidrs, String vlan, boolean isDefault) {
        this(name, cidrs, vlan, isDefault, null, false, false, List.of());
    }

    /** True when pods of this subnet sit on a physical VLAN. */
    public boolean underlay() {
        return vlan != null && !vlan.isBlank();
    }
}
