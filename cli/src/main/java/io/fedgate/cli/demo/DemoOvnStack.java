package io.fedgate.cli.demo;

import io.fedgate.api.model.AvailabilityZonePlan;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.TransitSwitch;
import io.fedgate.api.net.Cidr;
import io.fedgate.api.topology.Topology;
import io.fedgate.api.topology.TopologyCluster;
import io.fedgate.interconnect.IcEndpoints;
import io.fedgate.interconnect.InterconnectReconciler;
import io.fedgate.interconnect.InterconnectStatus;
import io.fedgate.interconnect.ReconcilerOptions;
import io.fedgate.interconnect.localstack.OvnIcStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code fedgate demo --with-ovn}: a real local OVN-IC stack (Debian's ovsdb-server, ovn-northd, ovn-ic) with
 * one availability zone per routed cluster of the hub's plan, programmed by fedgate's interconnect
 * reconciler from the hub's {@link InterconnectPlan}, so the demo shows real transit switches and the routes
 * each AZ learned. Each AZ's cluster router carries the cluster's pod networks, which is what ovn-ic
 * advertises.
 */
final class DemoOvnStack implements AutoCloseable {
    static final String ROUTER = "ovn-cluster";
    private static final Duration LEARN_DEADLINE = OvnIcStack.ROUTE_EXCHANGE_TIMEOUT;

    private final OvnIcStack stack;
    private final InterconnectReconciler reconciler;
    private final InterconnectPlan plan;
    private final String applied;
    private boolean closed;

    private DemoOvnStack(OvnIcStack stack, InterconnectReconciler reconciler, InterconnectPlan plan, String applied) {
        this.stack = stack;
        this.reconciler = reconciler;
        this.plan = plan;
        this.applied = applied;
    }

    /**
     * Starts a stack for the plan's zones and applies the plan.
     *
     * @throws IllegalStateException when the plan routes no cluster
     */
    static DemoOvnStack start(InterconnectPlan plan, Topology topology) {
        List<AvailabilityZonePlan> zones = plan.zones();
        if (zones.isEmpty()) {
            throw new IllegalStateException("the hub's plan routes no cluster through OVN-IC");
        }
        OvnIcStack.Options.Builder options = OvnIcStack.options().zones(zones.size()).router(ROUTER);
        for (int i = 0; i < zones.size(); i++) {
            TopologyCluster cluster = topology.cluster(zones.get(i).clusterId());
            options.podCidrs(i + 1, cluster.podCidrs().stream().filter(c -> !c.isIpv6())
                    .map(c -> c.host(1).toInterfaceString()).toArray(String[]::new));
        }
        OvnIcStack stack = OvnIcStack.start(options.build());
        try {
            IcEndpoints.Builder endpoints = IcEndpoints.builder().icNb(stack.icNb()).icSb(stack.icSb());
            for (int i = 0; i < zones.size(); i++) {
                endpoints.zone(zones.get(i).availabilityZone(), stack.nb(i + 1));
            }
            InterconnectReconciler reconciler = InterconnectReconciler.connect(endpoints.build(),
                    ReconcilerOptions.defaults().withClusterRouter(ROUTER));
            String report = reconciler.apply(plan).render();
            return new DemoOvnStack(stack, reconciler, plan, report);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Waits until every AZ learned every other AZ's pod prefixes, or the deadline passes; true if they did. */
    boolean awaitRoutes(Topology topology) throws InterruptedException {
        long deadline = System.nanoTime() + LEARN_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (missingRoutes(topology).isEmpty()) {
                return true;
            }
            Thread.sleep(200);
        }
        return missingRoutes(topology).isEmpty();
    }

    /** {@code az: prefix} for every pod prefix an AZ has not learned yet. */
    List<String> missingRoutes(Topology topology) {
        InterconnectStatus status = reconciler.status();
        List<String> missing = new ArrayList<>();
        for (AvailabilityZonePlan zone : plan.zones()) {
            InterconnectStatus.ZoneStatus seen = status.zone(zone.availabilityZone());
            Set<Cidr> learned = seen == null ? Set.of() : seen.learnedRoutes().stream()
                    .map(InterconnectStatus.LearnedRoute::network).filter(n -> n != null)
                    .collect(Collectors.toCollection(TreeSet::new));
            for (AvailabilityZonePlan other : plan.zones()) {
                if (other == zone) {
                    continue;
                }
                topology.cluster(other.clusterId()).podCidrs().stream().filter(c -> !c.isIpv6())
                        .filter(c -> !learned.contains(c) && !zone.routeDenylist().contains(c))
                        .forEach(c -> missing.add(zone.availabilityZone() + ": " + c));
            }
        }
        return missing;
    }

    /** Transit switches and each AZ's learned routes, for the status table and page. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("real local stack (ovsdb-server, ovn-northd, ovn-ic) in " + stack.dir());
        for (TransitSwitch ts : plan.transitSwitches()) {
            lines.add("transit switch " + ts.name() + " " + ts.subnet() + ": " + ts.members().stream()
                    .map(m -> m.availabilityZone() + "=" + m.address().toInterfaceString()).toList());
        }
        InterconnectStatus status = reconciler.status();
        for (AvailabilityZonePlan zone : plan.zones()) {
            InterconnectStatus.ZoneStatus seen = status.zone(zone.availabilityZone());
            String routes = seen == null ? "(not registered)" : seen.learnedRoutes().stream()
                    .map(r -> (r.network() != null ? r.network().toString() : r.prefix()) + " via " + r.nexthop())
                    .sorted().collect(Collectors.joining(", "));
            lines.add("AZ " + zone.availabilityZone() + " (" + zone.clusterId() + ") learned: "
                    + (routes.isEmpty() ? "nothing yet" : routes) + "; denylist " + zone.routeDenylist());
        }
        return lines;
    }

    /** What the first apply wrote. */
    String appliedReport() {
        return applied;
    }

    /** Stops the stack; safe to call twice (the demo's shutdown hook and its normal end may both call it). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            reconciler.close();
        } finally {
            stack.close();
        }
    }
}
