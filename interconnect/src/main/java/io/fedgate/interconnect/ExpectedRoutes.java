package io.fedgate.interconnect;

import io.fedgate.api.model.AvailabilityZonePlan;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.TransitSwitch;
import io.fedgate.api.model.TransitSwitchMember;
import io.fedgate.api.net.Cidr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which routes each AZ should learn under a plan, given what each AZ advertises: for every transit switch
 * two AZs share, the learner gets each of the advertiser's prefixes with the advertiser's address on that
 * switch as next hop; minus what ovn-ic never exchanges (169.254.0.0/16, fe80::/10), and nothing at all
 * when one side does not advertise or learn. ovn-ic applies an AZ's denylist both ways: it neither learns
 * nor advertises a prefix lying inside a denylisted one. So an AZ whose own prefix lies inside a prefix it
 * denylists (its neighbour's larger, overlapping prefix) stops advertising it. Pure.
 */
public final class ExpectedRoutes {
    private static final List<Cidr> NEVER_EXCHANGED = List.of(Cidr.parse("169.254.0.0/16"), Cidr.parse("fe80::/10"));

    private ExpectedRoutes() {
    }

    /** A learned route as compared in tests and benchmarks: normalized prefix and next hop. */
    public record Route(Cidr prefix, String nexthop) implements Comparable<Route> {
        @Override
        public int compareTo(Route o) {
            int c = prefix.compareTo(o.prefix);
            return c != 0 ? c : nexthop.compareTo(o.nexthop);
        }

        @Override
        public String toString() {
            return prefix + " via " + nexthop;
        }
    }

    /**
     * @param advertised AZ name to the prefixes its router advertises (router networks and static routes)
     * @return AZ name to the routes it should learn, for every AZ in the plan
     */
    public static Map<String, Set<Route>> of(InterconnectPlan plan, Map<String, List<Cidr>> advertised) {
        Map<String, Set<Route>> out = new LinkedHashMap<>();
        for (AvailabilityZonePlan learner : plan.zones()) {
            Set<Route> routes = new TreeSet<>();
            out.put(learner.availabilityZone(), routes);
            if (!learner.learn()) {
                continue;
            }
            for (TransitSwitch ts : plan.transitSwitches()) {
                if (ts.member(learner.availabilityZone()) == null) {
                    continue;
                }
                for (TransitSwitchMember m : ts.members()) {
                    AvailabilityZonePlan advertiser = plan.zone(m.availabilityZone());
                    if (m.availabilityZone().equals(learner.availabilityZone()) || advertiser == null
                            || !advertiser.advertise()) {
                        continue;
                    }
                    for (Cidr p : advertised.getOrDefault(m.availabilityZone(), List.of())) {
                        if (exchanged(p) && !denied(p, learner.routeDenylist())
                                && !denied(p, advertiser.routeDenylist())) {
                            routes.add(new Route(p.network(), m.address().addressText()));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static boolean exchanged(Cidr p) {
        return NEVER_EXCHANGED.stream().noneMatch(n -> n.contains(p));
    }

    /** ovn-ic filters a route when it lies inside a denylisted prefix. */
    private static boolean denied(Cidr p, List<Cidr> denylist) {
        return denylist.stream().anyMatch(d -> d.contains(p));
    }
}
