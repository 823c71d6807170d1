package io.fedgate.interconnect.internal;

import io.fedgate.interconnect.InterconnectConfigException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.fedgate.interconnect.ovsdb.Row;
import io.fedgate.interconnect.ovsdb.Uuid;
import java.util.Set;

/**
 * Takes one AZ out of interconnection, in a safe order: learning and advertising off (so ovn-ic, if it
 * runs, withdraws what it can), our ports, transit switches (only when no other AZ remains), a bounded wait
 * for the AZ's ovn-ic to withdraw its port bindings from IC-SB, routes ovn-ic learned into this NB, the AZ
 * name (so ovn-ic stops registering the zone), the AZ's rows in IC-SB (routes, port bindings, gateways,
 * then the Availability_Zone they reference), and last the transit switches' copies in this NB, which an
 * ovn-ic without a zone name no longer maintains. Each step is safe to re-run, so a leave interrupted
 * half-way can be run again.
 *
 * <p>Why the wait: ovn-ic keeps acting on its last view of the NB while its connection to it is down (after
 * an NB restart, for instance). Clearing the name and deleting the IC-SB rows before it has caught up lets
 * it register the AZ again from that stale view. Its withdrawal of the port bindings shows it has seen our
 * port deletions, so the name change that follows reaches a live, current ovn-ic.
 */
public final class LeaveProcedure {
    /** External id ovn-ic puts on the routes it learned. */
    public static final String LEARNED_ROUTE_KEY = "ic-learned-route";
    /** Longest wait for ovn-ic to drop the AZ's registration itself after the name is cleared. */
    public static final Duration REGISTRATION_GRACE = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(LeaveProcedure.class);
    private static final RowKind AVAILABILITY_ZONE = RowKind.root("Availability_Zone", "name");
    private static final RowKind IC_ROUTE = RowKind.root("Route", "ip_prefix");
    private static final RowKind PORT_BINDING = RowKind.root("Port_Binding", "logical_port");
    private static final RowKind GATEWAY = RowKind.root("Gateway", "name");

    private final String zone;
    private final StepRunner nb;
    private final StepRunner icNb;
    private final StepRunner icSb;
    private final String denylistKey;
    private final Duration ovnIcWait;
    private final Set<String> removedPorts = new java.util.LinkedHashSet<>();

    public LeaveProcedure(String zone, StepRunner nb, StepRunner icNb, StepRunner icSb, String denylistKey,
                          Duration ovnIcWait) {
        this.zone = zone;
        this.nb = nb;
        this.icNb = icNb;
        this.icSb = icSb;
        this.denylistKey = denylistKey;
        this.ovnIcWait = ovnIcWait;
    }

    /** Runs every step. */
    public void leave() {
        checkZoneName();
        learningOff();
        ports();
        transitSwitches();
        portBindingsWithdrawn();
        learnedRoutes();
        advertisedRoutes();
        zoneName();
        registrationDropped();
        icSbRows();
        transitSwitchCopies();
    }

    /** The NB must be this AZ's (or have left already). */
    void checkZoneName() {
        nb.client().snapshot().rows("NB_Global").stream().findFirst().ifPresent(g -> {
            String name = g.string("name");
            if (name != null && !name.isEmpty() && !name.equals(zone)) {
                throw new InterconnectConfigException("--az " + zone + ": that NB belongs to AZ \"" + name
                        + "\", not \"" + zone + "\"");
            }
        });
    }

    void learningOff() {
        nb.run("learningOff", w -> w.snapshot().rows("NB_Global").stream().findFirst().ifPresent(g ->
                w.patch("NB_Global", g, ".", DesiredRow.builder()
                        .mapKey("options", "ic-route-learn", "false")
                        .mapKey("options", "ic-route-adv", "false")
                        .mapKey("options", denylistKey, null)
                        .mapKey("options", DenylistOption.other(denylistKey), null)
                        .build())));
    }

    void ports() {
        nb.client().snapshot().rows("Logical_Switch_Port").stream().filter(Ownership::owned)
                .forEach(p -> removedPorts.add(p.string("name")));
        nb.run("ports", w -> {
            w.pruneOwned(RowKind.SWITCH_PORT, w.snapshot().rows("Logical_Switch_Port"), Set.of());
            w.pruneOwned(RowKind.ROUTER_PORT, w.snapshot().rows("Logical_Router_Port"), Set.of());
        });
    }

    /**
     * Our transit switches go only with the last AZ: other AZs may still be attached. Then waits (bounded) for
     * ovn-ic to drop them from this AZ's NB, so that the name change that follows does not reach it in the
     * same pass (fast churn of both is where OVN 23.03's ovn-ic has been seen to crash).
     */
    void transitSwitches() {
        boolean othersRemain = icSb.client().snapshot().rows("Availability_Zone").stream()
                .anyMatch(az -> !zone.equals(az.string("name")));
        if (othersRemain) {
            return;
        }
        Set<String> ours = new java.util.LinkedHashSet<>();
        icNb.client().snapshot().rows("Transit_Switch").stream().filter(Ownership::owned)
                .forEach(ts -> ours.add(ts.string("name")));
        icNb.run("transitSwitches",
                w -> w.pruneOwned(RowKind.TRANSIT_SWITCH, w.snapshot().rows("Transit_Switch"), Set.of()));
        if (!ours.isEmpty() && !nb.client().waitFor(s -> ours.stream()
                .noneMatch(ts -> ZoneReconciler.transitSwitch(s, ts).isPresent()), ovnIcWait)) {
            LOG.warn("[leave {}] ovn-ic did not remove transit switches {} from the AZ's NB within {} s", zone, ours,
                    ovnIcWait.toSeconds());
        }
    }

    /**
     * Waits, bounded, until ovn-ic has removed the IC-SB port bindings of the ports we removed (see the class
     * comment); ports fedgate did not create stay, and so do their bindings.
     */
    void portBindingsWithdrawn() {
        if (removedPorts.isEmpty()) {
            return;
        }
        if (!icSb.client().waitFor(this::noPortBindings, ovnIcWait)) {
            LOG.warn("[leave {}] ovn-ic of {} did not withdraw its IC-SB port bindings within {} s (is it running "
                    + "and connected to its NB?); removing them now; if it is cut off from its NB it may register "
                    + "the AZ again, and leave must be run once more", zone, zone, ovnIcWait.toSeconds());
        }
    }

    private boolean noPortBindings(io.fedgate.interconnect.ovsdb.DatabaseSnapshot s) {
        return s.findFirst("Availability_Zone", "name", zone)
                .map(az -> s.find("Port_Binding", pb -> az.uuid().equals(pb.get("availability_zone"))
                        && removedPorts.contains(pb.string("logical_port"))).isEmpty()).orElse(true);
    }

    void learnedRoutes() {
        nb.run("learnedRoutes", w -> w.snapshot().find("Logical_Router_Static_Route",
                        r -> r.stringMap("external_ids").containsKey(LEARNED_ROUTE_KEY))
                .forEach(r -> w.delete(RowKind.STATIC_ROUTE, r)));
    }

    /**
     * The AZ's routes in IC-SB. With its ports gone ovn-ic no longer writes any, but OVN 23.03 leaves them
     * behind when advertising stops in the same pass as the ports go; they would keep the Availability_Zone
     * row referenced and stop ovn-ic from dropping it.
     */
    void advertisedRoutes() {
        icSb.run("advertisedRoutes", w -> w.snapshot().findFirst("Availability_Zone", "name", zone).ifPresent(az -> {
            for (Row r : w.snapshot().find("Route", "availability_zone", az.uuid())) {
                w.delete(IC_ROUTE, r);
            }
        }));
    }

    /**
     * A live ovn-ic drops the AZ's Availability_Zone row itself once it sees the empty name; waiting (bounded)
     * for that keeps us from deleting rows under an ovn-ic that has not caught up.
     */
    void registrationDropped() {
        Duration grace = ovnIcWait.compareTo(REGISTRATION_GRACE) < 0 ? ovnIcWait : REGISTRATION_GRACE;
        if (!icSb.client().waitFor(s -> s.findFirst("Availability_Zone", "name", zone).isEmpty(), grace)) {
            LOG.debug("[leave {}] ovn-ic did not drop the AZ's IC-SB row within {} ms (gateways still reference it?); "
                    + "removing it", zone, grace.toMillis());
        }
    }

    void zoneName() {
        nb.run("zoneName", w -> w.snapshot().rows("NB_Global").stream().findFirst().ifPresent(g ->
                w.patch("NB_Global", g, ".", DesiredRow.builder().column("name", "").build())));
    }

    void icSbRows() {
        icSb.run("icSbRows", w -> removeRegistration(w, zone));
    }

    /**
     * The Logical_Switches ovn-ic made in this NB for the transit switches. ovn-ic does nothing for an AZ
     * without a name, so it would leave them behind (with the other AZs' remote ports on them); they go here,
     * after ovn-ic has stopped working for this AZ.
     */
    void transitSwitchCopies() {
        RowKind logicalSwitch = RowKind.root("Logical_Switch", "name");
        nb.run("transitSwitchCopies", w -> w.snapshot().find("Logical_Switch",
                        r -> r.stringMap("other_config").containsKey(ZoneReconciler.INTERCONN_TS))
                .forEach(ls -> w.delete(logicalSwitch, ls)));
    }

    /**
     * Deletes AZ {@code zone}'s rows from IC-SB: its routes, port bindings and gateways, then the
     * Availability_Zone row they reference (OVSDB refuses to delete a row still referenced by a
     * non-optional column, which is also why ovn-ic itself fails to drop a renamed AZ's old row).
     */
    public static void removeRegistration(RowWriter w, String zone) {
        w.snapshot().findFirst("Availability_Zone", "name", zone).ifPresent(az -> {
            Uuid id = az.uuid();
            for (Row r : w.snapshot().find("Route", "availability_zone", id)) {
                w.delete(IC_ROUTE, r);
            }
            for (Row r : w.snapshot().find("Port_Binding", "availability_zone", id)) {
                w.delete(PORT_BINDING, r);
            }
            for (Row r : w.snapshot().find("Gateway", "availability_zone", id)) {
                w.delete(GATEWAY, r);
            }
            w.delete(AVAILABILITY_ZONE, az);
        });
    }
}
