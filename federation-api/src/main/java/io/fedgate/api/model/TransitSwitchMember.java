package io.fedgate.api.model;

import io.fedgate.api.net.Cidr;
import java.util.List;

/**
 * One AZ's attachment to a transit switch.
 *
 * @param address        the AZ router port's address with the switch's prefix length, e.g. 169.254.100.3/24
 * @param mac            the router port's MAC, derived deterministically from the address
 * @param gatewayChassis the AZ's gateway nodes in priority order for this switch (first is primary);
 *                       rotated per switch so several switches give ECMP with different primaries
 */
public record TransitSwitchMember(String availabilityZone, Cidr address, String mac, List<String> gatewayChassis) {
    public TransitSwitchMember {
        gatewayChassis = gatewayChassis == null ? List.of() : List.copyOf(gatewayChassis);
    }
}
