package io.fedgate.api.model;

import io.fedgate.api.net.Cidr;
import java.util.List;

/**
 * An OVN-IC transit switch ({@code ts}, {@code ts1}, ...) and the availability zones attached to it.
 *
 * @param subnet  169.254.(100+i).0/24, as Kube-OVN numbers them
 * @param members one address per attached AZ; stable across hub restarts and AZs joining or leaving
 */
public record TransitSwitch(String name, Cidr subnet, List<TransitSwitchMember> members) {
    public TransitSwitch {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** The member entry of {@code availabilityZone}, or null. */
    public TransitSwitchMember member(String availabilityZone) {
        return members.stream().filter(m -> m.availabilityZone().equals(availabilityZone)).findFirst().orElse(null);
    }
}
