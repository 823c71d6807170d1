package io.fedgate.interconnect;

import io.fedgate.api.net.Cidr;
import java.util.List;

/**
 * What interconnection looks like right now, read from the databases.
 *
 * @param transitSwitches IC-NB's transit switches (empty when IC-NB was not given)
 * @param zones           one entry per AZ NB asked about
 */
public record InterconnectStatus(List<TransitSwitchStatus> transitSwitches, List<ZoneStatus> zones) {
    public InterconnectStatus {
        transitSwitches = List.copyOf(transitSwitches);
        zones = List.copyOf(zones);
    }

    /** The status of {@code availabilityZone}, or null. */
    public ZoneStatus zone(String availabilityZone) {
        return zones.stream().filter(z -> z.availabilityZone().equals(availabilityZone)).findFirst().orElse(null);
    }

    /** A transit switch in IC-NB. */
    public record TransitSwitchStatus(String name, boolean ownedByFedgate) {
    }

    /**
     * One AZ.
     *
     * @param availabilityZone the name given for the endpoint
     * @param nbGlobalName     NB_Global.name as found (empty when the AZ is not interconnected)
     * @param transitSwitches  transit switches ovn-ic created in this NB
     * @param ports            the AZ's router ports on transit switches
     * @param learnedRoutes    routes ovn-ic learned from other AZs
     */
    public record ZoneStatus(String availabilityZone, String nbGlobalName, boolean advertise, boolean learn,
                             List<String> denylist, List<String> transitSwitches, List<PortStatus> ports,
                             List<LearnedRoute> learnedRoutes) {
        public ZoneStatus {
            denylist = List.copyOf(denylist);
            transitSwitches = List.copyOf(transitSwitches);
            ports = List.copyOf(ports);
            learnedRoutes = List.copyOf(learnedRoutes);
        }
    }

    /**
     * A router port attached to a transit switch.
     *
     * @param switchPort     the transit switch's port of type router pointing at it, or empty
     * @param gatewayChassis chassis names, highest priority first
     */
    public record PortStatus(String transitSwitch, String routerPort, String switchPort, String mac,
                             List<String> networks, List<String> gatewayChassis, boolean ownedByFedgate) {
        public PortStatus {
            networks = List.copyOf(networks);
            gatewayChassis = List.copyOf(gatewayChassis);
        }
    }

    /**
     * A route ovn-ic learned.
     *
     * @param prefix     as stored (OVN keeps connected prefixes as written, e.g. {@code 10.16.0.1/16})
     * @param network    the normalized prefix, or null when {@code prefix} does not parse
     * @param origin     {@code connected} or {@code static}
     */
    public record LearnedRoute(String router, String prefix, Cidr network, String nexthop, String origin,
                               String routeTable) {
    }
}
