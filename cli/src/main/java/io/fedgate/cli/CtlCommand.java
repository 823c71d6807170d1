package io.fedgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fedgate.api.codec.FederationJson;
import io.fedgate.api.codec.WireNames;
import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.PkiException;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.hubclient.BoundedLineReader;
import io.fedgate.hubclient.GoDuration;
import io.fedgate.hubclient.HubClient;
import io.fedgate.hubclient.protocol.AuditChain;
import io.fedgate.hubclient.protocol.AuditRecord;
import io.fedgate.hubclient.protocol.CaInfo;
import io.fedgate.hubclient.protocol.ClusterSummary;
import io.fedgate.hubclient.protocol.ExportSummary;
import io.fedgate.hubclient.protocol.ImportSummary;
import io.fedgate.hubclient.protocol.JoinToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code fedgate ctl}: the hub's admin tool. It talks to the hub API as an admin identity: the credential a
 * hub member writes to {@code <dataDir>/admin} on start (so inside a hub pod it works without flags), or one
 * issued with {@code fedgate pki issue --admin NAME}.
 */
@Command(name = "ctl", mixinStandardHelpOptions = true,
        description = {"Administer the federation hub as an admin identity.",
            "Defaults: --hub from $FEDGATE_HUB, else https://localhost:8443; --cert-dir from $FEDGATE_CERT_DIR, else "
                + "/var/lib/fedgate/admin (what a hub member writes, so `kubectl exec <hub pod> -- fedgate ctl ...` "
                + "works as is).",
            "Exit codes: 0 done, 1 the hub refused or could not be reached (or the audit chain is broken), 2 bad input."},
        subcommands = {CtlCommand.Clusters.class, CtlCommand.Exports.class, CtlCommand.Imports.class,
            CtlCommand.Plan.class, CtlCommand.Token.class, CtlCommand.Cluster.class, CtlCommand.Audit.class,
            CtlCommand.Ca.class})
final class CtlCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--hub", scope = ScopeType.INHERIT, split = ",", paramLabel = "URL",
            defaultValue = "${env:FEDGATE_HUB:-https://localhost:8443}",
            description = "Hub member URL(s), comma-separated or repeated; calls fail over between them "
                    + "(default: ${DEFAULT-VALUE}).")
    List<URI> hubs = new ArrayList<>();

    @Option(names = "--cert-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            defaultValue = "${env:FEDGATE_CERT_DIR:-/var/lib/fedgate/admin}",
            description = "Admin credential directory: tls.key, tls.crt, ca.crt (default: ${DEFAULT-VALUE}).")
    Path certDir;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT", defaultValue = "table",
            converter = OutputConverter.class, description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
    Output output = Output.TABLE;

    /** How results are printed. */
    enum Output {
        TABLE, JSON, YAML
    }

    static final class OutputConverter implements ITypeConverter<Output> {
        @Override
        public Output convert(String value) {
            for (Output output : Output.values()) {
                if (output.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return output;
                }
            }
            throw new IllegalArgumentException("\"" + value + "\" is not one of table, json, yaml");
        }
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: clusters, exports, imports, plan, "
                + "token, cluster, audit or ca");
    }

    /** A client presenting the admin credential. */
    HubClient client() {
        TlsMaterial admin;
        try {
            admin = TlsMaterial.load(certDir);
        } catch (PkiException e) {
            throw new UserInputException("--cert-dir " + e.getMessage());
        }
        for (URI hub : hubs) {
            if (!"https".equals(hub.getScheme()) || hub.getHost() == null) {
                throw new UserInputException("--hub \"" + hub + "\" is not an https://host:port URL");
            }
        }
        return HubClient.builder().hubs(hubs).identity(admin).build();
    }

    /** Prints {@code value} as JSON or YAML; false for table output (the caller prints a table). */
    boolean printDocument(Object value, PrintWriter out) {
        if (output == Output.TABLE) {
            return false;
        }
        ObjectMapper mapper = output == Output.JSON ? FederationJson.mapper() : FederationJson.yamlMapper();
        try {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value).strip());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print " + value.getClass().getSimpleName(), e);
        }
        out.flush();
        return true;
    }

    private static CtlCommand find(CommandSpec spec) {
        for (CommandSpec at = spec; at != null; at = at.parent()) {
            if (at.userObject() instanceof CtlCommand ctl) {
                return ctl;
            }
        }
        throw new IllegalStateException(spec.qualifiedName() + " is not under `fedgate ctl`");
    }

    /** A command that only groups subcommands: run alone, it names them. */
    abstract static class Group implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "Missing subcommand: "
                    + String.join(", ", spec.subcommands().keySet()));
        }
    }

    /** A ctl subcommand: finds the ctl options and prints. */
    abstract static class Subcommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        CtlCommand ctl() {
            return find(spec);
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        @Override
        public Integer call() {
            try (HubClient client = ctl().client()) {
                return run(client, out());
            } finally {
                out().flush();
            }
        }

        abstract int run(HubClient client, PrintWriter out);
    }

    @Command(name = "clusters", mixinStandardHelpOptions = true, description = "List the clusters the hub knows.")
    static final class Clusters extends Subcommand {
        @Override
        int run(HubClient client, PrintWriter out) {
            List<ClusterSummary> clusters = client.clusters();
            if (!ctl().printDocument(clusters, out)) {
                Table table = new Table("CLUSTER", "GENERATION", "LIVE", "EXPORTS", "PLAN", "REGION", "NETWORK",
                        "INTERCONNECT", "ROUTES", "LAST HEARTBEAT");
                clusters.forEach(c -> table.row(c.clusterId(), c.generation(), c.live() ? "yes" : "no", c.exports(),
                        c.planVersion(), c.region(), c.network(), c.interconnectMode(), routes(c),
                        c.lastHeartbeat()));
                table.print(out);
            }
            return 0;
        }
    }

    /** {@code in place}, {@code missing} (the pairs' imports take gateways), or empty when not reported. */
    private static String routes(ClusterSummary c) {
        if (c.routesInPlace() == null) {
            return c.interconnectProblems().isEmpty() ? null : "problem";
        }
        return c.routesInPlace() ? "in place" : "missing";
    }

    @Command(name = "exports", mixinStandardHelpOptions = true, description = "List every export of every cluster.")
    static final class Exports extends Subcommand {
        @Override
        int run(HubClient client, PrintWriter out) {
            List<ExportSummary> exports = client.exports();
            if (!ctl().printDocument(exports, out)) {
                Table table = new Table("SERVICE", "CLUSTER", "TYPE", "ENDPOINTS", "READY", "EXPORTED AT");
                exports.forEach(e -> table.row(e.service(), e.clusterId(), e.type(), e.endpoints(), e.readyEndpoints(),
                        e.exportedAt()));
                table.print(out);
            }
            return 0;
        }
    }

    @Command(name = "imports", mixinStandardHelpOptions = true,
            description = "List every import of the cluster set with its exporting clusters, oldest export first.")
    static final class Imports extends Subcommand {
        @Override
        int run(HubClient client, PrintWriter out) {
            List<ImportSummary> imports = client.imports();
            if (!ctl().printDocument(imports, out)) {
                Table table = new Table("SERVICE", "TYPE", "CLUSTERS");
                imports.forEach(i -> table.row(i.service(), i.type(), String.join(",", i.clusters())));
                table.print(out);
            }
            return 0;
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Show a cluster's current plan (table: one line per import and serving cluster).")
    static final class Plan extends Subcommand {
        @Parameters(paramLabel = "CLUSTER", description = "The cluster id.")
        String clusterId;

        @Override
        int run(HubClient client, PrintWriter out) {
            ClusterPlan plan = client.plan(clusterId).orElseThrow(() ->
                    new UserInputException("the hub has no plan for cluster " + clusterId));
            if (!ctl().printDocument(plan, out)) {
                out.println("cluster " + plan.clusterId() + ", plan version " + plan.version() + ": "
                        + plan.imports().size() + " imports, " + plan.gatewayPeers().size() + " gateway peers, "
                        + plan.interconnect().transitSwitches().size() + " transit switches");
                Table table = new Table("SERVICE", "TYPE", "FROM CLUSTER", "PATH", "HEALTH", "WEIGHT", "PRIORITY",
                        "ENDPOINTS");
                for (ServiceImport imported : plan.imports()) {
                    for (ClusterEndpoints from : imported.clusters()) {
                        table.row(imported.service(), WireNames.of(imported.type()), from.clusterId(),
                                WireNames.of(from.path()), WireNames.of(from.health()), from.weight(), from.priority(),
                                from.endpoints().size());
                    }
                }
                table.print(out);
            }
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = "Join tokens.",
            subcommands = Token.Create.class)
    static final class Token extends Group {

        @Command(name = "create", mixinStandardHelpOptions = true,
                description = {"Create a single-use join token for a cluster's agent or gateway.",
                    "Table output prints the token alone on stdout (for `> east.token`) and its expiry on stderr."})
        static final class Create extends Subcommand {
            @Option(names = "--cluster", required = true, paramLabel = "ID", description = "The cluster id.")
            String clusterId;

            @Option(names = "--component", paramLabel = "COMPONENT", defaultValue = "agent",
                    description = "agent or gateway (default: ${DEFAULT-VALUE}).")
            String component;

            @Option(names = "--ttl", paramLabel = "DURATION",
                    description = "How long the token stays valid, e.g. 1h or 24h (default: the hub's joinTokens.ttl).")
            String ttl;

            @Override
            int run(HubClient client, PrintWriter out) {
                Component joining = joiningComponent(component);
                Duration lifetime = null;
                if (ttl != null) {
                    String problem = GoDuration.problem(ttl);
                    if (problem != null) {
                        throw new UserInputException("--ttl " + problem);
                    }
                    lifetime = GoDuration.parse(ttl);
                }
                JoinToken token = client.createToken(clusterId, joining, lifetime);
                if (!ctl().printDocument(token, out)) {
                    out.println(token.token());
                    spec.commandLine().getErr().println("join token for the " + token.component() + " of cluster "
                            + token.clusterId() + ", single use, expires " + token.expiresAt());
                    spec.commandLine().getErr().flush();
                }
                return 0;
            }

            private static Component joiningComponent(String text) {
                if ("agent".equals(text) || "gateway".equals(text)) {
                    return Component.parse(text);
                }
                throw new UserInputException("--component \"" + text + "\" is not agent or gateway");
            }
        }
    }

    @Command(name = "cluster", mixinStandardHelpOptions = true, description = "Act on one cluster.",
            subcommands = Cluster.Remove.class)
    static final class Cluster extends Group {

        @Command(name = "remove", mixinStandardHelpOptions = true,
                description = "Forget a cluster: its inventory, lease and plan. Its agent is refused until it joins "
                        + "again with a new token.")
        static final class Remove extends Subcommand {
            @Parameters(paramLabel = "ID", description = "The cluster id.")
            String clusterId;

            @Override
            int run(HubClient client, PrintWriter out) {
                client.removeCluster(clusterId);
                out.println("removed cluster " + clusterId);
                return 0;
            }
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true, description = "The hub's audit log.",
            subcommands = Audit.Verify.class)
    static final class Audit extends Group {

        @Command(name = "verify", mixinStandardHelpOptions = true,
                description = {"Re-compute the audit log's hash chain, from the hub (page by page) or from a member's "
                        + "audit file, and report the first broken record.",
                    "Exit codes: 0 intact, 1 broken or unreachable, 2 bad input."})
        static final class Verify extends Subcommand {
            @Option(names = "--file", paramLabel = "PATH",
                    description = "Verify this audit file (a hub member's audit.path) instead of asking the hub.")
            Path file;

            @Override
            public Integer call() {
                if (file == null) {
                    return super.call();
                }
                AuditChain.Verifier verifier = AuditChain.verifier();
                readFile(file, verifier);
                return report(verifier, file.toString(), out());
            }

            @Override
            int run(HubClient client, PrintWriter out) {
                AuditChain.Verifier verifier = AuditChain.verifier();
                client.forEachAuditRecord(1, verifier::accept);
                return report(verifier, "the hub's audit log", out);
            }

            private static void readFile(Path path, AuditChain.Verifier verifier) {
                ObjectMapper mapper = FederationJson.mapper();
                try (InputStream in = Files.newInputStream(path)) {
                    BoundedLineReader lines = new BoundedLineReader(in, 256 * 1024);
                    byte[] line;
                    int number = 0;
                    while ((line = lines.readLine()) != null && verifier.intact()) {
                        number++;
                        if (line.length > 0) {
                            try {
                                verifier.accept(mapper.readValue(line, AuditRecord.class));
                            } catch (IOException e) {
                                throw new UserInputException(path + ":" + number + ": not an audit record: "
                                        + e.getMessage());
                            }
                        }
                    }
                } catch (NoSuchFileException e) {
                    throw new UserInputException("--file " + path + ": no such file");
                } catch (IOException e) {
                    throw new UserInputException("--file " + path + ": " + e.getMessage());
                }
            }

            private int report(AuditChain.Verifier verifier, String source, PrintWriter out) {
                if (verifier.intact()) {
                    out.println(source + " is intact: " + verifier.checked() + " records, head hash "
                            + verifier.headHash());
                    out.flush();
                    return 0;
                }
                spec.commandLine().getErr().println(source + " is broken after " + verifier.checked()
                        + " good records: " + verifier.problem());
                spec.commandLine().getErr().flush();
                return Fedgate.EXIT_FAILURE;
            }
        }
    }

    @Command(name = "ca", mixinStandardHelpOptions = true, description = "The cluster set's CA.",
            subcommands = Ca.Show.class)
    static final class Ca extends Group {

        @Command(name = "show", mixinStandardHelpOptions = true,
                description = "Print the CA certificate (table output: PEM only, for `> hub-ca.crt`).")
        static final class Show extends Subcommand {
            @Override
            int run(HubClient client, PrintWriter out) {
                CaInfo ca = client.ca();
                if (!ctl().printDocument(ca, out)) {
                    out.print(ca.certificate());
                }
                return 0;
            }
        }
    }

    /** Left-aligned columns as wide as their widest cell; "-" for empty cells. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... headings) {
            rows.add(headings);
        }

        void row(Object... cells) {
            String[] texts = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                texts[i] = cells[i] == null || cells[i].toString().isEmpty() ? "-" : cells[i].toString();
            }
            rows.add(texts);
        }

        void print(PrintWriter out) {
            int columns = rows.get(0).length;
            int[] widths = new int[columns];
            rows.forEach(r -> {
                for (int i = 0; i < columns; i++) {
                    widths[i] = Math.max(widths[i], r[i].length());
                }
            });
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < columns; i++) {
                    line.append(i == columns - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
                }
                out.println(line.toString().stripTrailing());
            }
        }
    }
}
