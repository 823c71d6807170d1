package io.fedgate.interconnect;

import io.fedgate.api.model.AvailabilityZonePlan;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.TransitSwitch;
import io.fedgate.api.model.TransitSwitchMember;
import io.fedgate.api.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Interconnect plans built by hand, the way the hub's planner lays them out: switches {@code ts}, {@code ts1},
 * ... on 169.254.(100+i).0/24, AZ number n at host n+1 of every switch, a MAC derived from the address, and
 * two gateway chassis per AZ whose order rotates per switch.
 */
public final class TestPlans {
    private TestPlans() {
    }

    /** The name of the i-th transit switch, as Kube-OVN numbers them. */
    public static String switchName(int i) {
        return i == 0 ? "ts" : "ts" + i;
    }

    /** A plan joining {@code zones} on {@code switches} transit switches, everyone advertising and learning. */
    public static InterconnectPlan plan(long version, List<String> zones, int switches) {
        return plan(version, zones, switches, Map.of());
    }

    /** As {@link #plan(long, List, int)}, with a route denylist per AZ. */
    public static InterconnectPlan plan(long version, List<String> zones, int switches, Map<String, List<String>> denylists) {
        List<TransitSwitch> tss = new ArrayList<>();
        for (int i = 0; i < switches; i++) {
            Cidr subnet = Cidr.parse("169.254." + (100 + i) + ".0/24");
            List<TransitSwitchMember> members = new ArrayList<>();
            for (int j = 0; j < zones.size(); j++) {
                String az = zones.get(j);
                List<String> gws = new ArrayList<>(List.of("gw-" + az + "-a", "gw-" + az + "-b"));
                java.util.Collections.rotate(gws, -i);
                members.add(new TransitSwitchMember(az, subnet.host(j + 1),
                        String.format("0a:58:a9:fe:%02x:%02x", 100 + i, j + 1), gws));
            }
            tss.add(new TransitSwitch(switchName(i), subnet, members));
        }
        List<AvailabilityZonePlan> zs = new ArrayList<>();
        for (String az : zones) {
            List<Cidr> deny = denylists.getOrDefault(az, List.of()).stream().map(Cidr::parse).toList();
            zs.add(new AvailabilityZonePlan(az, "cluster-" + az, true, true, deny));
        }
        return new InterconnectPlan(version, tss, zs);
    }
}
