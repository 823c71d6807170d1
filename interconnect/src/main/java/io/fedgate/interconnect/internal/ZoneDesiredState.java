package io.fedgate.interconnect.internal;

import io.fedgate.api.model.AvailabilityZonePlan;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.TransitSwitch;
import io.fedgate.api.model.TransitSwitchMember;
import io.fedgate.api.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one AZ's NB should hold under a plan, derived purely from the plan (no I/O): the zone settings and,
 * per transit switch the AZ is on, a router port {@code <az>-<ts>}, a switch port {@code <ts>-<az>} and the
 * gateway chassis in the plan's order, the first with the highest priority.
 */
public record ZoneDesiredState(String availabilityZone, boolean advertise, boolean learn, List<Cidr> denylist,
                               List<PortPlan> ports) {
    /** Priority of the first (primary) gateway chassis; the next ones count down from it. */
    public static final long TOP_GATEWAY_PRIORITY = 100;

    public ZoneDesiredState {
        denylist = List.copyOf(denylist);
        ports = List.copyOf(ports);
    }

    /**
     * One attachment to a transit switch.
     *
     * @param network the router port's address with prefix length, as written ({@code 169.254.100.3/24})
     */
    public record PortPlan(String transitSwitch, String routerPort, String switchPort, String mac, String network,
                           List<GatewayPriority> gatewayChassis) {
        public PortPlan {
            gatewayChassis = List.copyOf(gatewayChassis);
        }
    }

    /** A Gateway_Chassis row: its name ({@code <lrp>-<chassis>}, as ovn-nbctl names them), chassis and priority. */
    public record GatewayPriority(String rowName, String chassis, long priority) {
    }

    /** The router port of {@code az} on {@code transitSwitch}, as Kube-OVN names it. */
    public static String routerPortName(String az, String transitSwitch) {
        return az + "-" + transitSwitch;
    }

    /** The transit switch's port pointing at that router port. */
    public static String switchPortName(String transitSwitch, String az) {
        return transitSwitch + "-" + az;
    }

    /**
     * @throws IllegalArgumentException when the plan has no entry for {@code az}
     */
    public static ZoneDesiredState of(InterconnectPlan plan, String az) {
        AvailabilityZonePlan zone = plan.zone(az);
        if (zone == null) {
            throw new IllegalArgumentException("plan version " + plan.version() + " has no zone \"" + az + "\"");
        }
        List<PortPlan> ports = new ArrayList<>();
        for (TransitSwitch ts : plan.transitSwitches()) {
            TransitSwitchMember m = ts.member(az);
            if (m == null) {
                continue;
            }
            String lrp = routerPortName(az, ts.name());
            List<GatewayPriority> gws = new ArrayList<>();
            for (int i = 0; i < m.gatewayChassis().size(); i++) {
                String chassis = m.gatewayChassis().get(i);
                gws.add(new GatewayPriority(lrp + "-" + chassis, chassis, TOP_GATEWAY_PRIORITY - i));
            }
            ports.add(new PortPlan(ts.name(), lrp, switchPortName(ts.name(), az), m.mac().toLowerCase(java.util.Locale.ROOT),
                    m.address().toInterfaceString(), gws));
        }
        return new ZoneDesiredState(az, zone.advertise(), zone.learn(), zone.routeDenylist(), ports);
    }

    /** The denylist as ovn-ic reads it (comma-separated, no spaces), or null when empty. */
    public String denylistText() {
        if (denylist.isEmpty()) {
            return null;
        }
        return denylist.stream().map(Cidr::toString).distinct().collect(Collectors.joining(","));
    }
}
