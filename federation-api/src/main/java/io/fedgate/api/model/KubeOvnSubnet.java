package io.fedgate.api.model;

import io.fedgate.api.net.Cidr;
import java.util.List;

/**
 * A Kube-OVN {@code Subnet} ({@code kubeovn.io/v1}) as path selection needs it.
 *
 * @param underlay true when pods sit on a physical VLAN ({@code spec.vlan} set, no overlay)
 * @param vlan     the VLAN name when underlay, else null
 */
public record KubeOvnSubnet(String name, List<Cidr> cidrs, boolean underlay, String vlan) {
    public KubeOvnSubnet {
        cidrs = cidrs == null ? List.of() : List.copyOf(cidrs);
    }
}
