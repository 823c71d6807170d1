package io.fedgate.cli.bench;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterNetwork;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.NetworkKind;
import io.fedgate.api.net.Cidr;
import io.fedgate.cli.Fedgate;
import io.fedgate.cli.LogLevels;
import io.fedgate.cli.UserInputException;
import io.fedgate.hub.planning.FederationPlanner;
import io.fedgate.hub.planning.PlanningInput;
import io.fedgate.interconnect.bench.IcBenchmark;
import io.fedgate.interconnect.localstack.OvnIcStack;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fedgate bench ic}: a local OVN-IC stack of {@code --azs} real availability zones; the interconnect
 * plan of as many synthetic Kube-OVN overlay clusters, made by the hub's {@link FederationPlanner} with
 * {@code --ts} transit switches; then {@link IcBenchmark}: fedgate's reconciler against the shell-out
 * baseline, time until every AZ learned every route, rates of changes and the client's transactions/s.
 *
 * <p>Cluster {@code k} (1-based) has pods {@code 10.(15+k).0.0/16}, the router network the stack gives AZ
 * {@code k}, and the AZ name {@code az<k>} zero-padded so that the planner's order of AZs (by name) is the
 * stack's order: the benchmark runs the plan's i-th zone on stack AZ i+1 and expects it to advertise that
 * AZ's router networks.
 */
@Command(name = "ic", mixinStandardHelpOptions = true,
        description = {"Benchmark OVN-IC programming against a local stack of real OVN daemons (ovsdb-server, "
                + "ovn-northd, ovn-ic): fedgate's reconciler beside shelling out to ovn-ic-nbctl/ovn-nbctl per change.",
            "Reports the time until every AZ learned every route, rates of changes, ratios, and client transactions/s. "
                + "Exits 1 when the OVN packages are not installed."})
public final class BenchIcCommand implements Callable<Integer> {
    /** The most AZs the local stack runs. */
    public static final int MAX_AZS = 50;
    /** How long each run may take to converge before the benchmark fails. */
    public static final Duration CONVERGENCE_TIMEOUT = Duration.ofSeconds(120);

    @Spec
    CommandSpec spec;

    @Option(names = "--azs", defaultValue = "10", paramLabel = "N",
            description = "Availability zones (clusters), 2.." + MAX_AZS + " (default: ${DEFAULT-VALUE}).")
    int azs;

    @Option(names = "--ts", defaultValue = "3", paramLabel = "K", description = "Transit switches (default: ${DEFAULT-VALUE}).")
    int transitSwitches;

    @Option(names = "--log-level", defaultValue = "warn", paramLabel = "LEVEL",
            description = "Log level of fedgate's loggers while benchmarking (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Override
    public Integer call() {
        validate();
        LogLevels.apply(logLevel);
        PrintWriter out = spec.commandLine().getOut();
        Optional<String> unavailable = OvnIcStack.unavailableReason();
        if (unavailable.isPresent()) {
            spec.commandLine().getErr().println("fedgate bench ic: " + unavailable.get());
            spec.commandLine().getErr().flush();
            return Fedgate.EXIT_FAILURE;
        }
        InterconnectPlan plan = plan(azs, transitSwitches);
        out.printf("fedgate bench ic: starting %d AZs (real OVN daemons on loopback), plan of %d zones x %d transit "
                + "switches from the hub's planner%n", azs, plan.zones().size(), plan.transitSwitches().size());
        out.flush();
        try (OvnIcStack stack = OvnIcStack.start(OvnIcStack.options().zones(azs).build())) {
            out.println(new IcBenchmark(stack, System::nanoTime, CONVERGENCE_TIMEOUT).run(plan).render());
        }
        out.flush();
        return 0;
    }

    private void validate() {
        if (azs < 2 || azs > MAX_AZS) {
            throw new UserInputException("--azs " + azs + " must be in 2.." + MAX_AZS);
        }
        if (transitSwitches < 1 || transitSwitches > PlanningInput.MAX_TRANSIT_SWITCHES) {
            throw new UserInputException("--ts " + transitSwitches + " must be in 1.." + PlanningInput.MAX_TRANSIT_SWITCHES);
        }
    }

    /** The hub planner's interconnect plan for {@code azs} synthetic overlay clusters. */
    static InterconnectPlan plan(int azs, int transitSwitches) {
        List<ClusterInventory> inventories = new ArrayList<>();
        for (int k = 1; k <= azs; k++) {
            inventories.add(inventory(k, azs));
        }
        InterconnectPlan plan = new FederationPlanner().plan(PlanningInput.of(inventories)
                .withTransitSwitchCount(transitSwitches)).interconnect();
        if (plan.zones().size() != azs) {
            throw new IllegalStateException("the planner interconnected " + plan.zones().size() + " of " + azs
                    + " synthetic clusters; they are built not to overlap");
        }
        return plan;
    }

    private static ClusterInventory inventory(int k, int azs) {
        String index = String.format("%0" + Integer.toString(azs).length() + "d", k);
        ClusterNetwork network = new ClusterNetwork("bench", null, NetworkKind.KUBE_OVN_OVERLAY, "az" + index,
                List.of(Cidr.parse("10." + (15 + k) + ".0.0/16")), List.of(), List.of(), List.of(),
                List.of("gw-" + index + "-a", "gw-" + index + "-b"), List.of());
        return new ClusterInventory("c" + index, 1, network, List.of());
    }
}
