package io.fedgate.agent.internal.model;

import java.util.List;

/**
 * A Kube-OVN {@code Subnet} ({@code kubeovn.io/v1}).
 *
 * @param cidrs     {@code spec.cidrBlock} split at commas (dual stack), as written
 * @param vlan      {@code spec.vlan}: set for underlay subnets, null or blank for overlay ones
 * @param isDefault {@code spec.default}: the subnet pods get when nothing else says
 */
public record ObservedSubnet(String name, List<String> cidrs, String vlan, boolean isDefault) {
    public ObservedSubnet {
        cidrs = cidrs == null ? List.of() : List.copyOf(cidrs);
    }

    /** True when pods of this subnet sit on a physical VLAN. */
    public boolean underlay() {
        return vlan != null && !vlan.isBlank();
    }
}
