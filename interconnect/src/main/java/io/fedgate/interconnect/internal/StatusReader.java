package io.fedgate.interconnect.internal;

import io.fedgate.api.net.Cidr;
import io.fedgate.interconnect.ExpectedRoutes;
import io.fedgate.interconnect.InterconnectStatus;
import io.fedgate.interconnect.ovsdb.DatabaseSnapshot;
import io.fedgate.interconnect.ovsdb.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads {@link InterconnectStatus} from replica snapshots. Pure. */
public final class StatusReader {
    private StatusReader() {
    }

    /** IC-NB's transit switches, by name. */
    public static List<InterconnectStatus.TransitSwitchStatus> transitSwitches(DatabaseSnapshot icNb) {
        List<InterconnectStatus.TransitSwitchStatus> out = new ArrayList<>();
        icNb.rows("Transit_Switch").stream().sorted(Comparator.comparing(r -> r.string("name")))
                .forEach(r -> out.add(new InterconnectStatus.TransitSwitchStatus(r.string("name"), Ownership.owned(r))));
        return out;
    }

    /** One AZ's status from its NB. */
    public static InterconnectStatus.ZoneStatus zone(String zone, DatabaseSnapshot nb) {
        Row global = nb.rows("NB_Global").stream().findFirst().orElse(null);
        Map<String, String> options = global == null ? Map.of() : global.stringMap("options");
        String deny = options.getOrDefault(DenylistOption.DENYLIST, options.getOrDefault(DenylistOption.BLACKLIST, ""));
        List<String> switches = new ArrayList<>();
        nb.find("Logical_Switch", r -> r.stringMap("other_config").containsKey(ZoneReconciler.INTERCONN_TS))
                .forEach(r -> switches.add(r.string("name")));
        switches.sort(Comparator.naturalOrder());
        return new InterconnectStatus.ZoneStatus(zone, global == null ? "" : global.string("name"),
                "true".equals(options.get("ic-route-adv")), "true".equals(options.get("ic-route-learn")),
                deny.isEmpty() ? List.of() : Arrays.asList(deny.split(",")), switches, ports(nb), learnedRoutes(nb));
    }

    private static List<InterconnectStatus.PortStatus> ports(DatabaseSnapshot nb) {
        List<InterconnectStatus.PortStatus> out = new ArrayList<>();
        for (Row ls : nb.find("Logical_Switch", r -> r.stringMap("other_config").containsKey(ZoneReconciler.INTERCONN_TS))) {
            for (Row lsp : nb.find("Logical_Switch_Port", p -> ls.uuidSet("ports").contains(p.uuid())
                    && "router".equals(p.string("type")))) {
                String lrpName = lsp.stringMap("options").getOrDefault("router-port", "");
                Row lrp = nb.findFirst("Logical_Router_Port", "name", lrpName).orElse(null);
                List<String> gws = new ArrayList<>();
                String mac = "";
                List<String> networks = List.of();
                if (lrp != null) {
                    mac = lrp.string("mac");
                    networks = new ArrayList<>(lrp.stringSet("networks"));
                    nb.find("Gateway_Chassis", g -> lrp.uuidSet("gateway_chassis").contains(g.uuid())).stream()
                            .sorted(Comparator.comparing((Row g) -> g.integer("priority")).reversed())
                            .forEach(g -> gws.add(g.string("chassis_name")));
                }
                out.add(new InterconnectStatus.PortStatus(ls.string("name"), lrpName, lsp.string("name"), mac, networks,
                        gws, Ownership.owned(lsp)));
            }
        }
        out.sort(Comparator.comparing(InterconnectStatus.PortStatus::transitSwitch)
                .thenComparing(InterconnectStatus.PortStatus::routerPort));
        return out;
    }

    /** Routes ovn-ic learned into this NB (rows carrying {@code external_ids:ic-learned-route}). */
    public static List<InterconnectStatus.LearnedRoute> learnedRoutes(DatabaseSnapshot nb) {
        List<InterconnectStatus.LearnedRoute> out = new ArrayList<>();
        for (Row r : nb.find("Logical_Router_Static_Route",
                x -> x.stringMap("external_ids").containsKey(LeaveProcedure.LEARNED_ROUTE_KEY))) {
            String router = nb.find("Logical_Router", lr -> lr.uuidSet("static_routes").contains(r.uuid())).stream()
                    .map(lr -> lr.string("name")).findFirst().orElse("");
            String prefix = r.string("ip_prefix");
            Cidr network = Cidr.isValid(prefix) ? Cidr.parse(prefix).network() : null;
            out.add(new InterconnectStatus.LearnedRoute(router, prefix, network, r.string("nexthop"),
                    r.stringMap("options").getOrDefault("origin", ""), r.string("route_table")));
        }
        out.sort(Comparator.comparing(InterconnectStatus.LearnedRoute::prefix)
                .thenComparing(InterconnectStatus.LearnedRoute::nexthop));
        return out;
    }

    /** The learned routes as normalized (prefix, next hop) pairs, for comparing with {@link ExpectedRoutes}. */
    public static Set<ExpectedRoutes.Route> learnedRouteSet(DatabaseSnapshot nb) {
        Set<ExpectedRoutes.Route> out = new TreeSet<>();
        for (InterconnectStatus.LearnedRoute r : learnedRoutes(nb)) {
            if (r.network() != null) {
                out.add(new ExpectedRoutes.Route(r.network(), r.nexthop()));
            }
        }
        return out;
    }
}
