package io.fedgate.cli;

import io.fedgate.api.codec.FederationJson;
import io.fedgate.api.model.AvailabilityZonePlan;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.topology.TopologyParser;
import io.fedgate.hub.planning.FederationPlan;
import io.fedgate.hub.planning.FederationPlanner;
import io.fedgate.hub.planning.InterconnectGroup;
import io.fedgate.hub.planning.PlanningInput;
import io.fedgate.interconnect.ChangeReport;
import io.fedgate.interconnect.IcEndpoints;
import io.fedgate.interconnect.InterconnectReconciler;
import io.fedgate.interconnect.InterconnectStatus;
import io.fedgate.interconnect.ReconcilerOptions;
import io.fedgate.interconnect.ovsdb.OvsdbTls;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fedgate ic}: OVN interconnection. {@code plan} prints the interconnect plan the hub's planner makes
 * from a topology file; {@code apply} writes it; {@code status} shows what IC-NB and each AZ's NB hold;
 * {@code leave} takes AZs out. Bad flags, endpoints and topologies exit 2; an unreachable database exits 1.
 */
@Command(name = "ic", mixinStandardHelpOptions = true,
        description = "OVN interconnection (ovn-ic): transit switches, AZ ports and learned routes.",
        subcommands = {IcCommand.Plan.class, IcCommand.Apply.class, IcCommand.Status.class, IcCommand.Leave.class})
public final class IcCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The database flags every {@code ic} subcommand shares. */
    public static final class DatabaseOptions {
        @Option(names = "--ic-nb", paramLabel = "URL", description = "IC-NB, e.g. tcp:10.0.0.5:6645 (comma-separated for a cluster)")
        String icNb;

        @Option(names = "--ic-sb", paramLabel = "URL", description = "IC-SB, e.g. tcp:10.0.0.5:6646")
        String icSb;

        @Option(names = "--az", paramLabel = "NAME=NB_URL", description = "an availability zone and its NB (repeatable)")
        List<String> zones = new ArrayList<>();

        @Option(names = "--router", paramLabel = "NAME", defaultValue = ReconcilerOptions.DEFAULT_CLUSTER_ROUTER,
                description = "the AZ router transit switch ports attach to (default: ${DEFAULT-VALUE})")
        String router;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
                description = "deadline of each database request (default: ${DEFAULT-VALUE})")
        int timeoutSeconds;

        @ArgGroup(exclusive = false)
        TlsOptions tls;

        /** The endpoints, checked; {@code needIcNb}/{@code needIcSb} make those flags mandatory. */
        public IcEndpoints endpoints(boolean needIcNb, boolean needIcSb, boolean needZones) {
            if (needIcNb && icNb == null) {
                throw new UserInputException("--ic-nb URL is required");
            }
            if (needIcSb && icSb == null) {
                throw new UserInputException("--ic-sb URL is required");
            }
            if (needZones && zones.isEmpty()) {
                throw new UserInputException("at least one --az NAME=NB_URL is required");
            }
            IcEndpoints.Builder b = IcEndpoints.builder();
            if (icNb != null) {
                b.icNb(icNb);
            }
            if (icSb != null) {
                b.icSb(icSb);
            }
            zones.forEach(b::zone);
            if (tls != null) {
                b.tls(new OvsdbTls(tls.privateKey, tls.certificate, tls.caCertificate, false).validated());
            }
            return b.build();
        }

        /** Reconciler options from the flags. */
        public ReconcilerOptions options() {
            if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
                throw new UserInputException("--timeout " + timeoutSeconds + " must be in 1..3600 seconds");
            }
            return ReconcilerOptions.defaults().withClusterRouter(router)
                    .withRequestTimeout(Duration.ofSeconds(timeoutSeconds));
        }
    }

    /** PEM files for {@code ssl:} endpoints, as ovn-nbctl takes them. */
    static final class TlsOptions {
        @Option(names = {"-p", "--private-key"}, required = true, paramLabel = "FILE", description = "client private key (PEM)")
        Path privateKey;

        @Option(names = {"-c", "--certificate"}, required = true, paramLabel = "FILE", description = "client certificate (PEM)")
        Path certificate;

        @Option(names = {"-C", "--ca-cert"}, required = true, paramLabel = "FILE", description = "CA certificate (PEM)")
        Path caCertificate;
    }

    /** The topology file and transit switch count {@code plan} and {@code apply} share. */
    static final class TopologyOptions {
        @Option(names = "--topology", required = true, paramLabel = "FILE",
                description = "the topology file (YAML), e.g. topology-examples/two-cluster-routed.yaml")
        Path file;

        @Option(names = "--transit-switches", paramLabel = "K", defaultValue = "1",
                description = "transit switches to spread traffic over (ECMP; default: ${DEFAULT-VALUE})")
        int transitSwitches;

        /**
         * Plans the topology's clusters with the hub's {@link FederationPlanner}, as the hub would from their
         * agents' inventories.
         *
         * @throws io.fedgate.api.codec.InvalidDocumentException naming each problem's path (exit 2)
         */
        FederationPlan plan() {
            if (transitSwitches < 1 || transitSwitches > PlanningInput.MAX_TRANSIT_SWITCHES) {
                throw new UserInputException("--transit-switches " + transitSwitches + " must be in 1.."
                        + PlanningInput.MAX_TRANSIT_SWITCHES);
            }
            try {
                // export times only order endpoints in service plans; a fixed base keeps the plan reproducible
                return new FederationPlanner().plan(PlanningInput.of(TopologyParser.parse(file).toInventories(Instant.EPOCH))
                        .withTransitSwitchCount(transitSwitches));
            } catch (NoSuchFileException e) {
                throw new UserInputException("--topology: no such file: " + file);
            } catch (IOException e) {
                throw new UserInputException("--topology: cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    /**
     * {@code fedgate ic plan}. Standard output is the plan as JSON only, so it can be piped; why clusters are
     * left out and each pair's data path go to standard error as {@code #} comments.
     */
    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = {"Plan OVN interconnection for a topology file: prints the InterconnectPlan (transit "
                    + "switches, per-AZ addresses, route denylists) as JSON.",
                "Clusters left out of the interconnect group (with the reason) and every cluster pair's data path "
                    + "are printed to stderr as '#' comments, so stdout stays valid JSON."})
    static final class Plan implements Callable<Integer> {
        @Mixin
        TopologyOptions topology;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws JsonProcessingException {
            FederationPlan plan = topology.plan();
            PrintWriter out = spec.commandLine().getOut();
            out.println(FederationJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(plan.interconnect()));
            out.flush();
            explain(plan, spec.commandLine().getErr());
            return 0;
        }

        /** The interconnect group, its exclusions and every ordered pair's path decision, as comments. */
        static void explain(FederationPlan plan, PrintWriter err) {
            InterconnectGroup group = plan.interconnectGroup();
            err.println("# interconnect group: " + (group.members().isEmpty() ? "(none)" : String.join(", ", group.members())));
            for (InterconnectGroup.Exclusion e : group.exclusions()) {
                err.println("# excluded " + e.clusterId() + ": " + e.reason());
            }
            List<String> ids = plan.paths().clusterIds();
            for (String client : ids) {
                for (String server : ids) {
                    if (!client.equals(server)) {
                        err.println("# path " + plan.paths().decision(client, server).describe());
                    }
                }
            }
            err.flush();
        }
    }

    /** {@code fedgate ic apply}. */
    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Plan OVN interconnection for a topology file and write it: transit switches in IC-NB "
                    + "and, in each --az's NB, its ports, gateway chassis and route settings.",
                "Idempotent: prints every row it changed, or 'no changes' when all is in place. Each --az must name "
                    + "an AZ of the plan's interconnect group."})
    static final class Apply implements Callable<Integer> {
        @Mixin
        TopologyOptions topology;

        @Mixin
        DatabaseOptions db;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            IcEndpoints endpoints = db.endpoints(true, false, true);
            InterconnectPlan plan = topology.plan().interconnect();
            requireZonesInPlan(endpoints, plan);
            ChangeReport report = InterconnectReconciler.apply(plan, endpoints, db.options());
            PrintWriter out = spec.commandLine().getOut();
            out.println(report.render());
            out.flush();
            return 0;
        }

        /** Refuses, before anything is connected or written, an {@code --az} the plan does not route. */
        static void requireZonesInPlan(IcEndpoints endpoints, InterconnectPlan plan) {
            List<String> planned = plan.zones().stream().map(AvailabilityZonePlan::availabilityZone).toList();
            for (String az : endpoints.zones().keySet()) {
                if (plan.zone(az) == null) {
                    throw new UserInputException("--az " + az + ": AZ \"" + az + "\" is not in the plan's interconnect "
                            + "group (planned AZs: " + (planned.isEmpty() ? "none" : String.join(", ", planned))
                            + "); nothing was written");
                }
            }
        }
    }

    /** {@code fedgate ic status}. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show transit switches in IC-NB and, per AZ, its transit switches, ports and learned routes.")
    static final class Status implements Callable<Integer> {
        @Mixin
        DatabaseOptions db;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            IcEndpoints endpoints = db.endpoints(false, false, false);
            if (endpoints.icNb() == null && endpoints.zones().isEmpty()) {
                throw new UserInputException("give --ic-nb URL and/or --az NAME=NB_URL");
            }
            InterconnectStatus status = InterconnectReconciler.status(endpoints, db.options());
            print(status, endpoints.icNb() != null, spec.commandLine().getOut());
            return 0;
        }

        static void print(InterconnectStatus status, boolean showIcNb, PrintWriter out) {
            if (showIcNb) {
                out.println("IC-NB transit switches: " + (status.transitSwitches().isEmpty() ? "(none)"
                        : String.join(", ", status.transitSwitches().stream()
                        .map(t -> t.name() + (t.ownedByFedgate() ? "" : " (not fedgate's)")).toList())));
            }
            for (InterconnectStatus.ZoneStatus z : status.zones()) {
                out.println();
                out.printf("AZ %s  NB_Global.name=%s  advertise=%s  learn=%s  denylist=%s%n", z.availabilityZone(),
                        z.nbGlobalName().isEmpty() ? "(empty)" : z.nbGlobalName(), onOff(z.advertise()), onOff(z.learn()),
                        z.denylist().isEmpty() ? "-" : String.join(",", z.denylist()));
                out.println("  transit switches: " + (z.transitSwitches().isEmpty() ? "(none)"
                        : String.join(", ", z.transitSwitches())));
                List<String[]> ports = new ArrayList<>();
                ports.add(new String[] {"TRANSIT SWITCH", "ROUTER PORT", "SWITCH PORT", "MAC", "NETWORKS", "GATEWAY CHASSIS"});
                for (InterconnectStatus.PortStatus p : z.ports()) {
                    ports.add(new String[] {p.transitSwitch(), p.routerPort(), p.switchPort(), p.mac(),
                            String.join(",", p.networks()), p.gatewayChassis().isEmpty() ? "-" : String.join(",", p.gatewayChassis())});
                }
                table(out, ports);
                List<String[]> routes = new ArrayList<>();
                routes.add(new String[] {"LEARNED ROUTE", "NEXTHOP", "ORIGIN", "ROUTER"});
                for (InterconnectStatus.LearnedRoute r : z.learnedRoutes()) {
                    routes.add(new String[] {r.network() == null ? r.prefix() : r.network().toString(), r.nexthop(),
                            r.origin(), r.router()});
                }
                table(out, routes);
            }
            out.flush();
        }

        private static String onOff(boolean b) {
            return b ? "on" : "off";
        }

        /** Prints rows in aligned columns, indented; a header-only table prints "(none)" under it. */
        private static void table(PrintWriter out, List<String[]> rows) {
            int[] width = new int[rows.get(0).length];
            for (String[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    width[i] = Math.max(width[i], r[i].length());
                }
            }
            for (String[] r : rows) {
                StringBuilder sb = new StringBuilder("  ");
                for (int i = 0; i < r.length; i++) {
                    sb.append(i == r.length - 1 ? r[i] : String.format("%-" + (width[i] + 2) + "s", r[i]));
                }
                out.println(sb.toString().stripTrailing());
            }
            if (rows.size() == 1) {
                out.println("  (none)");
            }
        }
    }

    /** {@code fedgate ic leave}. */
    @Command(name = "leave", mixinStandardHelpOptions = true,
            description = "Take AZs out of interconnection: learning off, ports, transit switches (with the last AZ), "
                    + "learned routes, the AZ's rows in IC-SB.")
    static final class Leave implements Callable<Integer> {
        @Mixin
        DatabaseOptions db;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            IcEndpoints endpoints = db.endpoints(true, true, true);
            PrintWriter out = spec.commandLine().getOut();
            try (InterconnectReconciler r = InterconnectReconciler.connect(endpoints, db.options())) {
                for (String zone : endpoints.zones().keySet()) {
                    ChangeReport report = r.leave(zone);
                    out.println("leave " + zone + ":");
                    out.println(report.changes().isEmpty() ? "no changes (already out)" : report.render());
                }
            }
            out.flush();
            return 0;
        }
    }
}
