package io.fedgate.interconnect.bench;

import io.fedgate.api.model.AvailabilityZonePlan;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.TransitSwitch;
import io.fedgate.interconnect.internal.DenylistOption;
import io.fedgate.interconnect.internal.Ownership;
import io.fedgate.interconnect.internal.TransitSwitchReconciler;
import io.fedgate.interconnect.internal.ZoneDesiredState;
import io.fedgate.interconnect.localstack.OvnIcStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The baseline: the same rows fedgate writes, written the way Kube-OVN's controller does it, one
 * {@code ovn-ic-nbctl}/{@code ovn-nbctl} process per change over TCP, polling for the transit switch to
 * appear before adding the switch port. Each AZ runs in its own thread, as each cluster's controller would.
 * Rows are marked as fedgate's so that {@code leave} can clean them up afterwards.
 */
final class ShellOutApplier {
    private static final String OWNER = "external_ids:" + quote(Ownership.KEY) + "=" + Ownership.VALUE;

    private final OvnIcStack stack;
    private final Map<String, Integer> stackZone;
    private final String router;
    private final LongSupplier ticker;
    private final Duration pollLimit;
    private final AtomicInteger processes = new AtomicInteger();
    private final AtomicInteger polls = new AtomicInteger();

    ShellOutApplier(OvnIcStack stack, Map<String, Integer> stackZone, String router, LongSupplier ticker, Duration pollLimit) {
        this.stack = stack;
        this.stackZone = stackZone;
        this.router = router;
        this.ticker = ticker;
        this.pollLimit = pollLimit;
    }

    int processes() {
        return processes.get();
    }

    int polls() {
        return polls.get();
    }

    /** Writes the whole plan; returns the number of rows written. */
    int apply(InterconnectPlan plan, ExecutorService workers) {
        int rows = 0;
        for (TransitSwitch ts : plan.transitSwitches()) {
            run("ovn-ic-nbctl", stack.icNb(), "ts-add", ts.name(), "--", "set", "Transit_Switch", ts.name(), OWNER,
                    "external_ids:" + quote(TransitSwitchReconciler.SUBNET_KEY) + "=" + quote(ts.subnet().toString()));
            rows++;
        }
        List<CompletableFuture<Integer>> zones = new ArrayList<>();
        for (AvailabilityZonePlan z : plan.zones()) {
            zones.add(CompletableFuture.supplyAsync(() -> zone(plan, z), workers));
        }
        for (CompletableFuture<Integer> f : zones) {
            rows += f.join();
        }
        return rows;
    }

    private int zone(InterconnectPlan plan, AvailabilityZonePlan z) {
        String nb = stack.nb(stackZone.get(z.availabilityZone()));
        ZoneDesiredState d = ZoneDesiredState.of(plan, z.availabilityZone());
        List<String> global = new ArrayList<>(List.of("set", "NB_Global", ".", "name=" + z.availabilityZone(),
                "options:ic-route-adv=" + z.advertise(), "options:ic-route-learn=" + z.learn()));
        if (d.denylistText() != null) {
            global.add("options:" + DenylistOption.BLACKLIST + "=" + quote(d.denylistText()));
        }
        run("ovn-nbctl", nb, global.toArray(String[]::new));
        int rows = 1;
        for (ZoneDesiredState.PortPlan p : d.ports()) {
            run("ovn-nbctl", nb, "lrp-add", router, p.routerPort(), p.mac(), p.network(), "--", "set",
                    "Logical_Router_Port", p.routerPort(), OWNER);
            rows++;
            for (ZoneDesiredState.GatewayPriority g : p.gatewayChassis()) {
                run("ovn-nbctl", nb, "lrp-set-gateway-chassis", p.routerPort(), g.chassis(), Long.toString(g.priority()));
                rows++;
            }
        }
        for (ZoneDesiredState.PortPlan p : d.ports()) {
            awaitSwitch(nb, p.transitSwitch());
            run("ovn-nbctl", nb, "lsp-add", p.transitSwitch(), p.switchPort(), "--", "lsp-set-type", p.switchPort(), "router",
                    "--", "lsp-set-addresses", p.switchPort(), "router", "--", "lsp-set-options", p.switchPort(),
                    "router-port=" + p.routerPort(), "--", "set", "Logical_Switch_Port", p.switchPort(), OWNER);
            rows++;
        }
        return rows;
    }

    /**
     * Changes every router port's MAC and every gateway chassis' priority to what {@code plan} says, one
     * process per row, as a controller reacting to a plan change would; returns the rows written.
     */
    int update(InterconnectPlan plan, ExecutorService workers) {
        List<CompletableFuture<Integer>> zones = new ArrayList<>();
        for (AvailabilityZonePlan z : plan.zones()) {
            zones.add(CompletableFuture.supplyAsync(() -> {
                String nb = stack.nb(stackZone.get(z.availabilityZone()));
                int rows = 0;
                for (ZoneDesiredState.PortPlan p : ZoneDesiredState.of(plan, z.availabilityZone()).ports()) {
                    run("ovn-nbctl", nb, "set", "Logical_Router_Port", p.routerPort(), "mac=" + quote(p.mac()));
                    rows++;
                    for (ZoneDesiredState.GatewayPriority g : p.gatewayChassis()) {
                        run("ovn-nbctl", nb, "lrp-set-gateway-chassis", p.routerPort(), g.chassis(),
                                Long.toString(g.priority()));
                        rows++;
                    }
                }
                return rows;
            }, workers));
        }
        return zones.stream().mapToInt(CompletableFuture::join).sum();
    }

    private void awaitSwitch(String nb, String ts) {
        long deadline = ticker.getAsLong() + pollLimit.toNanos();
        while (true) {
            polls.incrementAndGet();
            String out = OvnIcStack.runTool("ovn-nbctl", nb, "--bare", "--columns=_uuid", "find", "Logical_Switch",
                    "name=" + ts);
            if (!out.isBlank()) {
                return;
            }
            if (ticker.getAsLong() > deadline) {
                throw new IllegalStateException("transit switch " + ts + " did not appear in " + nb + " within "
                        + pollLimit.toSeconds() + " s");
            }
        }
    }

    private void run(String tool, String db, String... args) {
        processes.incrementAndGet();
        OvnIcStack.runTool(tool, db, args);
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
