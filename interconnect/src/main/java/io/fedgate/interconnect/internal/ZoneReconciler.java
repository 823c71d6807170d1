package io.fedgate.interconnect.internal;

import io.fedgate.interconnect.InterconnectException;
import io.fedgate.interconnect.ovsdb.DatabaseSnapshot;
import io.fedgate.interconnect.ovsdb.Row;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One AZ's NB, as a chain of steps in a safe order: zone settings first (ovn-ic does nothing for a zone
 * without a name, and the denylist must be in place before any port exists; both are in the same atomic
 * transaction as the router ports and their gateway chassis), then, once ovn-ic has created the transit
 * switches, the switch ports; ports of ours that the plan dropped go last, switch side before router side.
 */
public final class ZoneReconciler {
    /** How long ovn-ic may show no progress before it is nudged (see {@code awaitOvnIc}). */
    public static final Duration NUDGE_AFTER = Duration.ofSeconds(2);
    /** Key in NB_Global.external_ids that fedgate bumps to wake a stalled ovn-ic. */
    public static final String NUDGE_KEY = "fedgate.io/ovn-ic-nudge";
    /** Times the switch side is redone when a transit switch vanishes under it. */
    public static final int SWITCH_SIDE_ROUNDS = 3;
    /** Option (set by ovn-ic) naming the transit switch a Logical_Switch stands for. */
    public static final String INTERCONN_TS = "interconn-ts";

    private final StepRunner runner;
    private final StepRunner icSb;
    private final String router;
    private final Duration ovnIcWait;
    private final String denylistKey;
    private final boolean waitForTransitSwitches;

    /**
     * @param icSb              IC-SB, to drop the registration of a renamed AZ's old name; may be null
     * @param router            the cluster router (must exist; Kube-OVN creates it)
     * @param ovnIcWait         bound on waiting for ovn-ic to create a transit switch here
     * @param denylistKey       {@link DenylistOption#BLACKLIST} or {@link DenylistOption#DENYLIST}
     * @param waitForTransitSwitches wait (bounded) for missing transit switches; without it (drift repair),
     *                          ports on switches not there yet are left for the pass their appearance triggers
     */
    public ZoneReconciler(StepRunner runner, StepRunner icSb, String router, Duration ovnIcWait,
                          String denylistKey, boolean waitForTransitSwitches) {
        this.runner = runner;
        this.icSb = icSb;
        this.router = router;
        this.ovnIcWait = ovnIcWait;
        this.denylistKey = denylistKey;
        this.waitForTransitSwitches = waitForTransitSwitches;
    }

    /**
     * Runs every step. Steps are grouped into two transactions: everything on the router side (zone settings,
     * router ports, their gateway chassis), and, once ovn-ic has created the transit switches, everything on
     * the switch side plus the removal of ports the plan dropped.
     */
    public void reconcile(ZoneDesiredState desired) {
        String previousName = zoneName();
        preflight();
        runner.run("zoneSettings+routerPorts+gatewayChassis", w -> {
            zoneSettings(w, desired);
            routerPorts(w, desired);
            gatewayChassis(w, desired);
        });
        previousRegistration(previousName, desired);
        // a transit switch deleted and created again in IC-NB can be seen here before ovn-ic has replaced its
        // Logical_Switch; a port added to the old one goes with it, so the switch side is checked and redone
        for (int round = 1; ; round++) {
            transitSwitchesPresent(desired);
            runner.run("switchPorts+staleSwitchPorts+staleRouterPorts", w -> {
                switchPorts(w, desired);
                staleSwitchPorts(w, desired);
                staleRouterPorts(w, desired);
            });
            if (!waitForTransitSwitches) {
                return;
            }
            if (switchPortsInPlace(runner.client().snapshot(), desired)) {
                portBindingsRegistered(desired);
                return;
            }
            if (round == SWITCH_SIDE_ROUNDS) {
                throw new InterconnectException(runner.client().label() + ": transit switches of AZ "
                        + desired.availabilityZone() + " kept vanishing while their ports were added ("
                        + SWITCH_SIDE_ROUNDS + " rounds); is a transit switch being deleted and created again?");
            }
        }
    }

    /** True when every planned switch port sits on its transit switch. */
    static boolean switchPortsInPlace(DatabaseSnapshot s, ZoneDesiredState d) {
        for (ZoneDesiredState.PortPlan p : d.ports()) {
            Optional<Row> ls = transitSwitch(s, p.transitSwitch());
            Optional<Row> lsp = s.findFirst("Logical_Switch_Port", "name", p.switchPort());
            if (ls.isEmpty() || lsp.isEmpty() || !ls.get().uuidSet("ports").contains(lsp.get().uuid())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Read-only checks that would stop the pass half-way: the NB_Global row and the cluster router (which
     * fedgate does not create) must exist. Run by the reconciler for every AZ before anything is written.
     */
    public void preflight() {
        DatabaseSnapshot s = runner.client().snapshot();
        nbGlobal(s);
        clusterRouterRow(s);
    }

    /** NB_Global: the AZ name, route advertisement and learning, the denylist. */
    void zoneSettings(RowWriter w, ZoneDesiredState d) {
        w.patch("NB_Global", nbGlobal(w.snapshot()), ".", DesiredRow.builder()
                .column("name", d.availabilityZone())
                .mapKey("options", "ic-route-adv", Boolean.toString(d.advertise()))
                .mapKey("options", "ic-route-learn", Boolean.toString(d.learn()))
                .mapKey("options", denylistKey, d.denylistText())
                .mapKey("options", DenylistOption.other(denylistKey), null)
                .build());
    }

    /**
     * After a rename, the AZ's rows under its old name stay in IC-SB (ovn-ic's own attempt to drop the old
     * Availability_Zone fails while port bindings and routes still reference it), and the renamed AZ would
     * learn its own routes back from them. They are removed here when IC-SB is at hand.
     */
    void previousRegistration(String previousName, ZoneDesiredState d) {
        if (previousName.isEmpty() || previousName.equals(d.availabilityZone())) {
            return;
        }
        if (icSb == null) {
            org.slf4j.LoggerFactory.getLogger(ZoneReconciler.class).warn("[{}] AZ renamed from {} to {}; without IC-SB "
                    + "(--ic-sb) its old rows there are not removed", runner.client().label(), previousName,
                    d.availabilityZone());
            return;
        }
        // ovn-ic registering the new name shows it has seen the rename; removing the old rows before that
        // would let it register the old name again from its stale view
        if (!icSb.client().waitFor(s -> s.findFirst("Availability_Zone", "name", d.availabilityZone()).isPresent(),
                ovnIcWait)) {
            org.slf4j.LoggerFactory.getLogger(ZoneReconciler.class).warn("[{}] ovn-ic did not register the renamed AZ {} "
                    + "within {} s; removing the rows of {} anyway", runner.client().label(), d.availabilityZone(),
                    ovnIcWait.toSeconds(), previousName);
        }
        icSb.run("previousRegistration", w -> LeaveProcedure.removeRegistration(w, previousName));
    }

    /** One router port per transit switch, with the plan's MAC and address. */
    void routerPorts(RowWriter w, ZoneDesiredState d) {
        Parent lr = Parent.of(clusterRouterRow(w.snapshot()), "name");
        for (ZoneDesiredState.PortPlan p : d.ports()) {
            w.reconcile(RowKind.ROUTER_PORT, lr, p.routerPort(), DesiredRow.builder()
                    .column("mac", p.mac())
                    .column("networks", Set.of(p.network()))
                    .build());
        }
    }

    /** Gateway chassis per router port, in the plan's priority order; ours no longer planned go. */
    void gatewayChassis(RowWriter w, ZoneDesiredState d) {
        for (ZoneDesiredState.PortPlan p : d.ports()) {
            Parent lrp = w.parent(RowKind.ROUTER_PORT, p.routerPort()).orElseThrow(() -> new InterconnectException(
                    runner.client().label() + ": router port " + p.routerPort() + " vanished before its gateway chassis were set"));
            Set<String> keep = new LinkedHashSet<>();
            for (ZoneDesiredState.GatewayPriority g : p.gatewayChassis()) {
                keep.add(g.rowName());
                w.reconcile(RowKind.GATEWAY_CHASSIS, lrp, g.rowName(), DesiredRow.builder()
                        .column("chassis_name", g.chassis())
                        .column("priority", g.priority())
                        .build());
            }
            if (!lrp.isNew()) {
                Set<io.fedgate.interconnect.ovsdb.Uuid> attached = w.snapshot().row("Logical_Router_Port", lrp.uuid())
                        .map(r -> r.uuidSet("gateway_chassis")).orElse(Set.of());
                w.pruneOwned(RowKind.GATEWAY_CHASSIS, w.snapshot().find("Gateway_Chassis",
                        gc -> attached.contains(gc.uuid())), keep);
            }
        }
    }

    /** Waits (bounded) until ovn-ic has created every planned transit switch in this NB. */
    void transitSwitchesPresent(ZoneDesiredState d) {
        Set<String> wanted = new LinkedHashSet<>();
        d.ports().forEach(p -> wanted.add(p.transitSwitch()));
        if (wanted.isEmpty() || !waitForTransitSwitches) {
            return;
        }
        if (!awaitOvnIc(runner.client(), s -> wanted.stream().allMatch(ts -> transitSwitch(s, ts).isPresent()))) {
            DatabaseSnapshot now = runner.client().snapshot();
            Set<String> missing = new LinkedHashSet<>();
            wanted.stream().filter(ts -> transitSwitch(now, ts).isEmpty()).forEach(missing::add);
            throw new InterconnectException(runner.client().label() + ": transit switch(es) " + missing
                    + " did not appear within " + ovnIcWait.toSeconds() + " s; ovn-ic for AZ "
                    + d.availabilityZone() + " must run, reach IC-NB and see NB_Global.name set");
        }
    }

    /**
     * Waits (bounded) until ovn-ic has registered every switch port of this AZ in IC-SB, the step after which
     * routes flow. Skipped without IC-SB. Only logs when it does not happen: the ports are in place and
     * ovn-ic will register them when it next runs.
     */
    void portBindingsRegistered(ZoneDesiredState d) {
        if (icSb == null || d.ports().isEmpty()) {
            return;
        }
        Set<String> ports = new LinkedHashSet<>();
        d.ports().forEach(p -> ports.add(p.switchPort()));
        if (!awaitOvnIc(icSb.client(), s -> s.findFirst("Availability_Zone", "name", d.availabilityZone())
                .map(az -> ports.stream().allMatch(p -> !s.find("Port_Binding", pb -> p.equals(pb.string("logical_port"))
                        && az.uuid().equals(pb.get("availability_zone"))).isEmpty())).orElse(false))) {
            org.slf4j.LoggerFactory.getLogger(ZoneReconciler.class).warn("[{}] ovn-ic has not registered ports {} in "
                    + "IC-SB within {} s", runner.client().label(), ports, ovnIcWait.toSeconds());
        }
    }

    /**
     * Waits for ovn-ic's work to show in {@code db}, at most {@link #ovnIcWait}. OVN 23.03's ovn-ic does not
     * retry a transaction IC-SB refused (two AZs that attach at the same moment race for the same tunnel key)
     * until one of its databases changes again; on a quiet system that can be never. So every
     * {@link #NUDGE_AFTER} without progress, a counter of ours in NB_Global.external_ids is bumped, which
     * wakes this AZ's ovn-ic to try again.
     */
    private boolean awaitOvnIc(io.fedgate.interconnect.ovsdb.OvsdbClient db,
                               java.util.function.Predicate<DatabaseSnapshot> done) {
        Duration left = ovnIcWait;
        while (true) {
            Duration slice = left.compareTo(NUDGE_AFTER) < 0 ? left : NUDGE_AFTER;
            if (db.waitFor(done, slice)) {
                return true;
            }
            left = left.minus(slice);
            if (left.isZero() || left.isNegative()) {
                return false;
            }
            runner.uncounted().run("nudgeOvnIc", w -> {
                Row g = nbGlobal(w.snapshot());
                long n = Long.parseLong(g.stringMap("external_ids").getOrDefault(NUDGE_KEY, "0").replaceAll("\\D", "0"));
                w.patch("NB_Global", g, ".", DesiredRow.builder().mapKey("external_ids", NUDGE_KEY, Long.toString(n + 1))
                        .build());
            });
        }
    }

    /** One switch port of type router per transit switch, pointing at the router port. */
    void switchPorts(RowWriter w, ZoneDesiredState d) {
        for (ZoneDesiredState.PortPlan p : d.ports()) {
            Optional<Row> found = transitSwitch(w.snapshot(), p.transitSwitch());
            if (found.isEmpty()) {
                // not there (yet, or any more): the next round, or the pass its appearance triggers, adds the port
                continue;
            }
            w.reconcile(RowKind.SWITCH_PORT, Parent.of(found.get(), "name"), p.switchPort(), DesiredRow.builder()
                    .column("type", "router")
                    .column("addresses", Set.of("router"))
                    .mapKey("options", "router-port", p.routerPort())
                    .build());
        }
    }

    /** Switch ports of ours the plan no longer has. */
    void staleSwitchPorts(RowWriter w, ZoneDesiredState d) {
        Set<String> keep = new LinkedHashSet<>();
        d.ports().forEach(p -> keep.add(p.switchPort()));
        w.pruneOwned(RowKind.SWITCH_PORT, w.snapshot().rows("Logical_Switch_Port"), keep);
    }

    /** Router ports of ours the plan no longer has (their gateway chassis go with them). */
    void staleRouterPorts(RowWriter w, ZoneDesiredState d) {
        Set<String> keep = new LinkedHashSet<>();
        d.ports().forEach(p -> keep.add(p.routerPort()));
        w.pruneOwned(RowKind.ROUTER_PORT, w.snapshot().rows("Logical_Router_Port"), keep);
    }

    private String zoneName() {
        String name = nbGlobal(runner.client().snapshot()).string("name");
        return name == null ? "" : name;
    }

    private Row nbGlobal(DatabaseSnapshot s) {
        return s.rows("NB_Global").stream().findFirst().orElseThrow(() -> new InterconnectException(
                runner.client().label() + " has no NB_Global row; ovn-northd creates it (or run 'ovn-nbctl init')"));
    }

    private Row clusterRouterRow(DatabaseSnapshot s) {
        List<Row> routers = s.find("Logical_Router", "name", router);
        if (routers.isEmpty()) {
            throw new InterconnectException(runner.client().label() + " has no Logical_Router \"" + router
                    + "\" (the cluster router transit switch ports attach to; Kube-OVN creates it): create it or "
                    + "name the right one with --router");
        }
        if (routers.size() > 1) {
            throw new InterconnectException(runner.client().label() + " has " + routers.size()
                    + " Logical_Routers named \"" + router + "\"; name one router unambiguously with --router");
        }
        return routers.get(0);
    }

    /** The Logical_Switch ovn-ic created for {@code ts}. */
    public static Optional<Row> transitSwitch(DatabaseSnapshot s, String ts) {
        return s.find("Logical_Switch", r -> ts.equals(r.string("name"))
                && ts.equals(r.stringMap("other_config").get(INTERCONN_TS))).stream().findFirst();
    }
}
