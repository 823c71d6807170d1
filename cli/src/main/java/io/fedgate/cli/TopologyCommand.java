package io.fedgate.cli;

import io.fedgate.api.codec.InvalidDocumentException;
import io.fedgate.api.codec.Problem;
import io.fedgate.api.codec.WireNames;
import io.fedgate.api.model.KubeOvnSubnet;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.TrafficPolicy;
import io.fedgate.api.net.Cidr;
import io.fedgate.api.topology.Topology;
import io.fedgate.api.topology.TopologyCluster;
import io.fedgate.api.topology.TopologyExporter;
import io.fedgate.api.topology.TopologyParser;
import io.fedgate.api.topology.TopologyService;
import io.fedgate.api.topology.TopologySummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fedgate topology}: work with topology files, the YAML descriptions of a whole federation. */
@Command(name = "topology", mixinStandardHelpOptions = true,
        description = "Work with topology files (YAML descriptions of a whole federation).",
        subcommands = {TopologyCommand.Validate.class})
final class TopologyCommand {

    /**
     * {@code fedgate topology validate FILE}: prints the topology's summary and exits 0, or prints every
     * problem with its path to stderr and exits {@link Fedgate#EXIT_USAGE}.
     */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Check a topology file. When it is valid, print its clusters, exports and the cluster "
                    + "pairs whose address space overlaps; otherwise print every problem with its path.",
                    "Exit codes: 0 valid, 2 invalid or unreadable."})
    static final class Validate implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The topology file (YAML), e.g. topology-examples/two-cluster-routed.yaml.")
        private Path file;

        @Override
        public Integer call() {
            Topology topology;
            try {
                topology = TopologyParser.parse(file);
            } catch (NoSuchFileException e) {
                throw new UserInputException("no such file: " + file);
            } catch (IOException e) {
                throw new UserInputException("cannot read " + file + ": " + e.getMessage());
            } catch (InvalidDocumentException e) {
                printProblems(e, spec.commandLine().getErr());
                return Fedgate.EXIT_USAGE;
            }
            PrintWriter out = spec.commandLine().getOut();
            printSummary(TopologySummary.of(topology), out);
            out.flush();
            return 0;
        }

        private void printProblems(InvalidDocumentException invalid, PrintWriter err) {
            int total = invalid.problems().size() + invalid.omittedProblems();
            err.println("fedgate topology validate: " + file + " has " + total + (total == 1 ? " problem:" : " problems:"));
            for (Problem problem : invalid.problems()) {
                err.println("  " + problem);
            }
            if (invalid.omittedProblems() > 0) {
                err.println("  ... and " + invalid.omittedProblems() + " more");
            }
            err.flush();
        }
    }

    /** The summary as text: a heading, then clusters, exports and overlapping cluster pairs. */
    static void printSummary(TopologySummary summary, PrintWriter out) {
        out.println("cluster set " + summary.clusterSet() + ": " + count(summary.clusters().size(), "cluster") + ", "
                + count(summary.services().size(), "service") + ", " + count(summary.exportCount(), "export"));
        out.println();
        out.println("clusters:");
        summary.clusters().forEach(cluster -> printCluster(cluster, out));
        out.println();
        out.println("exports:");
        if (summary.services().isEmpty()) {
            out.println("  none");
        }
        summary.services().forEach(service -> printService(service, out));
        out.println();
        printOverlaps(summary, out);
    }

    private static void printCluster(TopologyCluster cluster, PrintWriter out) {
        List<String> where = new ArrayList<>();
        where.add("region " + cluster.region());
        if (cluster.zone() != null) {
            where.add("zone " + cluster.zone());
        }
        where.add(WireNames.of(cluster.network())
                + (cluster.availabilityZone() != null ? " (AZ " + cluster.availabilityZone() + ")" : ""));
        where.add(count(cluster.gateways(), "gateway"));
        out.println("  " + cluster.id() + ": " + String.join(", ", where));
        List<String> prefixes = new ArrayList<>();
        prefixes.add("pods " + cidrs(cluster.podCidrs()));
        prefixes.add("services " + cidrs(cluster.serviceCidrs()));
        if (!cluster.joinCidrs().isEmpty()) {
            prefixes.add("join " + cidrs(cluster.joinCidrs()));
        }
        out.println("    " + String.join("; ", prefixes));
        for (KubeOvnSubnet subnet : cluster.subnets()) {
            out.println("    subnet " + subnet.name() + " " + cidrs(subnet.cidrs())
                    + (subnet.underlay() ? " (underlay, VLAN " + subnet.vlan() + ")" : ""));
        }
        if (!cluster.gatewayNodes().isEmpty()) {
            out.println("    ovn-ic gateway nodes " + String.join(", ", cluster.gatewayNodes()));
        }
    }

    private static void printService(TopologyService service, PrintWriter out) {
        String ports = service.ports().stream().map(TopologyCommand::port).collect(Collectors.joining(", "));
        out.println("  " + service.key() + ": " + WireNames.of(service.type())
                + (ports.isEmpty() ? "" : ", ports " + ports) + ", " + policy(service.policy()));
        for (TopologyExporter exporter : service.exportedFrom()) {
            out.println("    from " + exporter.cluster() + ": weight " + exporter.weight() + ", priority "
                    + exporter.priority() + ", " + count(exporter.endpoints(), "endpoint"));
        }
        if (!service.consumers().isEmpty()) {
            out.println("    consumed by " + String.join(", ", service.consumers()));
        }
    }

    private static void printOverlaps(TopologySummary summary, PrintWriter out) {
        if (summary.overlaps().isEmpty()) {
            out.println("overlapping address space: none");
            return;
        }
        out.println("overlapping address space (these pairs cannot be routed; their traffic takes the gateway path):");
        for (TopologySummary.ClusterPairOverlap pair : summary.overlaps()) {
            out.println("  " + pair.first() + " <-> " + pair.second() + ": " + cidrs(pair.sharedPrefixes()));
            for (TopologySummary.PrefixOverlap prefix : pair.prefixes()) {
                out.println("    " + prefix.first() + " (" + pair.first() + " " + prefix.firstUse() + ") overlaps "
                        + prefix.second() + " (" + pair.second() + " " + prefix.secondUse() + ")");
            }
        }
    }

    private static String port(ServicePort port) {
        return (port.name() != null ? port.name() + " " : "") + port.port() + "/" + WireNames.of(port.protocol());
    }

    private static String policy(TrafficPolicy policy) {
        return WireNames.of(policy.loadBalancing())
                + (policy.failoverOrder().isEmpty() ? "" : " (failover order " + String.join(", ", policy.failoverOrder()) + ")");
    }

    private static String cidrs(List<Cidr> cidrs) {
        return cidrs.stream().map(Cidr::toString).collect(Collectors.joining(", "));
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
