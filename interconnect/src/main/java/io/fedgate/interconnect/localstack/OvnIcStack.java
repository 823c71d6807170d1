package io.fedgate.interconnect.localstack;

import io.fedgate.interconnect.ovsdb.OvsdbTls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running OVN-IC stack: IC-NB and IC-SB, and per availability zone an NB, an SB, ovn-northd and ovn-ic,
 * all real daemons on 127.0.0.1 ports chosen by the kernel (so parallel test runs never clash). Zones are
 * numbered from 1; the stack names nothing: the AZ names come from whoever sets {@code NB_Global.name}
 * (fedgate's reconciler, or {@link Options.Builder#nameZones()}).
 *
 * <pre>{@code
 * try (OvnIcStack stack = OvnIcStack.start(OvnIcStack.options().zones(3).build())) {
 *     stack.icNb();            // "tcp:127.0.0.1:41234"
 *     stack.nb(2);             // AZ 2's NB
 *     stack.nbctl(2, "show");  // ovn-nbctl against AZ 2
 * }
 * }</pre>
 */
public final class OvnIcStack implements AutoCloseable {
    /** The binaries the stack needs on the PATH. */
    public static final List<String> REQUIRED_BINARIES = List.of("bash", "ovsdb-tool", "ovsdb-server", "ovn-northd",
            "ovn-ic", "ovn-nbctl", "ovn-sbctl", "ovn-ic-nbctl", "ovn-ic-sbctl", "ovs-appctl");
    /** Longest time a helper command (ovn-nbctl, stop-db, ...) may take. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Stopping a whole stack: the script stops each daemon in turn (monitors first, so none is restarted)
     * and waits for each to exit; 10 AZs are over 50 processes, which on a loaded 2-core machine takes
     * longer than one command's deadline.
     */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(120);
    /**
     * How long a test or demo waits for ovn-ic to exchange routes. On an idle machine it takes 1-2 s, but OVN
     * 23.03's ovn-ic can crash under churn, and the monitor that restarts it waits until 10 s have passed
     * since its previous restart; on a loaded 2-core CI machine one or two such restarts plus ovn-ic's full
     * resync overran 20 s. This bounds liveness only: what is learned is asserted exactly.
     */
    public static final Duration ROUTE_EXCHANGE_TIMEOUT = Duration.ofSeconds(60);
    /** Longest output read from a helper command. */
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
    /** Set this environment variable to 1 to keep the stack's directory (logs, databases) after close. */
    public static final String KEEP_DIR_ENV = "FEDGATE_OVN_IC_KEEP_DIR";
    private static final String SCRIPT_RESOURCE = "/io/fedgate/interconnect/localstack/ovn-ic-stack.sh";
    private static final Logger LOG = LoggerFactory.getLogger(OvnIcStack.class);

    private final Path scriptDir;
    private final Path script;
    private final Path dir;
    private final Map<String, String> env;
    private final Thread shutdownHook;
    private boolean closed;

    private OvnIcStack(Path scriptDir, Path script, Path dir, Map<String, String> env) {
        this.scriptDir = scriptDir;
        this.script = script;
        this.dir = dir;
        this.env = env;
        this.shutdownHook = new Thread(this::stopQuietly, "ovn-ic-stack-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Why a stack cannot start here (a missing binary), or empty when it can. */
    public static Optional<String> unavailableReason() {
        List<String> missing = new ArrayList<>();
        for (String b : REQUIRED_BINARIES) {
            if (!onPath(b)) {
                missing.add(b);
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("OVN-IC binaries not installed (" + String.join(", ", missing) + "); install with: "
                + "apt-get install --no-install-recommends ovn-central ovn-ic ovn-ic-db ovn-common openvswitch-common");
    }

    /** Starts building options. */
    public static Options.Builder options() {
        return new Options.Builder();
    }

    /**
     * Starts a stack and waits until every daemon runs.
     *
     * @throws LocalStackException with the script's error output when it fails
     */
    public static OvnIcStack start(Options options) {
        unavailableReason().ifPresent(r -> {
            throw new LocalStackException(r);
        });
        Path scriptDir = null;
        try {
            scriptDir = Files.createTempDirectory("fedgate-ovn-ic-script");
            Path script = scriptDir.resolve("ovn-ic-stack.sh");
            try (InputStream in = OvnIcStack.class.getResourceAsStream(SCRIPT_RESOURCE)) {
                if (in == null) {
                    throw new LocalStackException("resource " + SCRIPT_RESOURCE + " is missing from the classpath");
                }
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            List<String> cmd = new ArrayList<>(List.of("bash", script.toString(), "start"));
            cmd.addAll(options.arguments());
            String out = run(cmd, options.startTimeout());
            String[] lines = out.strip().split("\n");
            Path dir = Path.of(lines[lines.length - 1].strip());
            Map<String, String> env = readEnv(dir.resolve("endpoints.env"));
            OvnIcStack stack = new OvnIcStack(scriptDir, script, dir, env);
            LOG.info("OVN-IC stack with {} AZs up in {} (IC-NB {}, IC-SB {})", stack.zoneCount(), dir, stack.icNb(),
                    stack.icSb());
            return stack;
        } catch (IOException e) {
            deleteQuietly(scriptDir);
            throw new LocalStackException("could not prepare the OVN-IC stack script: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(scriptDir);
            throw e;
        }
    }

    /** The stack's directory (databases, logs, pidfiles). */
    public Path dir() {
        return dir;
    }

    /** Number of availability zones. */
    public int zoneCount() {
        return Integer.parseInt(value("AZ_COUNT"));
    }

    /** The cluster router created in every AZ NB, or empty when none was created. */
    public Optional<String> router() {
        String r = env.getOrDefault("ROUTER", "");
        return r.isEmpty() ? Optional.empty() : Optional.of(r);
    }

    /** IC-NB, {@code tcp:127.0.0.1:PORT}. */
    public String icNb() {
        return value("IC_NB");
    }

    /** IC-SB, {@code tcp:127.0.0.1:PORT}. */
    public String icSb() {
        return value("IC_SB");
    }

    /** The NB of AZ {@code zone} (1-based). */
    public String nb(int zone) {
        return value("AZ" + checkZone(zone) + "_NB");
    }

    /** The SB of AZ {@code zone}. */
    public String sb(int zone) {
        return value("AZ" + checkZone(zone) + "_SB");
    }

    /** The router networks the stack gave AZ {@code zone}, as written ({@code 10.16.0.1/16}). */
    public List<String> podCidrs(int zone) {
        String v = env.getOrDefault("AZ" + checkZone(zone) + "_POD_CIDRS", "");
        return v.isEmpty() ? List.of() : Arrays.asList(v.split(","));
    }

    /** The TLS endpoint of a database ({@code icnb}, {@code az1nb}, ...), when started with TLS. */
    public Optional<String> tlsEndpoint(String database) {
        String key = database.equals("icnb") ? "IC_NB_SSL" : database.equals("icsb") ? "IC_SB_SSL"
                : database.toUpperCase(java.util.Locale.ROOT).replaceFirst("^AZ(\\d+)(NB|SB)$", "AZ$1_$2_SSL");
        return Optional.ofNullable(env.get(key));
    }

    /** Client TLS files signed by the stack's CA, when started with TLS. */
    public Optional<OvsdbTls> clientTls() {
        if (!env.containsKey("SSL_PRIVATE_KEY")) {
            return Optional.empty();
        }
        return Optional.of(new OvsdbTls(Path.of(env.get("SSL_PRIVATE_KEY")), Path.of(env.get("SSL_CERTIFICATE")),
                Path.of(env.get("SSL_CA_CERT")), false));
    }

    /** Runs {@code ovn-nbctl} against AZ {@code zone}'s NB (over its unix socket); returns stdout. */
    public String nbctl(int zone, String... args) {
        return tool("ovn-nbctl", value("AZ" + checkZone(zone) + "_NB_UNIX"), args);
    }

    /** Runs {@code ovn-sbctl} against AZ {@code zone}'s SB. */
    public String sbctl(int zone, String... args) {
        return tool("ovn-sbctl", value("AZ" + checkZone(zone) + "_SB_UNIX"), args);
    }

    /** Runs {@code ovn-ic-nbctl} against IC-NB. */
    public String icNbctl(String... args) {
        return tool("ovn-ic-nbctl", value("IC_NB_UNIX"), args);
    }

    /** Runs {@code ovn-ic-sbctl} against IC-SB. */
    public String icSbctl(String... args) {
        return tool("ovn-ic-sbctl", value("IC_SB_UNIX"), args);
    }

    /** Stops one ovsdb-server ({@code icnb}, {@code icsb}, {@code az1nb}, {@code az1sb}, ...). */
    public void stopDatabase(String name) {
        run(List.of("bash", script.toString(), "stop-db", dir.toString(), name), DEFAULT_COMMAND_TIMEOUT);
    }

    /** Starts a stopped ovsdb-server again, on the same ports and with the same data. */
    public void startDatabase(String name) {
        run(List.of("bash", script.toString(), "start-db", dir.toString(), name), DEFAULT_COMMAND_TIMEOUT);
    }

    /**
     * Interconnects every AZ the way Kube-OVN's ovn-ic-controller does, with the tools and no fedgate code:
     * transit switch {@code ts} in IC-NB and, once ovn-ic created it in each AZ, router port {@code az<N>-ts}
     * (169.254.100.N/24) on the cluster router with its switch port {@code ts-az<N>}.
     */
    public void interconnectLikeKubeOvn() {
        String router = router().orElseThrow(() -> new LocalStackException("stack " + dir + " has no cluster router"));
        icNbctl("ts-add", "ts");
        for (int az = 1; az <= zoneCount(); az++) {
            nbctl(az, "wait-until", "Logical_Switch", "ts");
            String lrp = "az" + az + "-ts";
            String lsp = "ts-az" + az;
            nbctl(az, "lrp-add", router, lrp, String.format("0a:58:a9:fe:64:%02x", az), "169.254.100." + az + "/24");
            nbctl(az, "lsp-add", "ts", lsp, "--", "lsp-set-type", lsp, "router", "--", "lsp-set-addresses", lsp,
                    "router", "--", "lsp-set-options", lsp, "router-port=" + lrp);
        }
    }

    /** Stops AZ {@code zone}'s ovn-ic (and the monitor that would restart it), by the PID the stack recorded. */
    public void stopOvnIc(int zone) {
        run(List.of("bash", script.toString(), "stop-ic", dir.toString(), Integer.toString(checkZone(zone))),
                DEFAULT_COMMAND_TIMEOUT);
    }

    /** Starts AZ {@code zone}'s ovn-ic again after {@link #stopOvnIc}. */
    public void startOvnIc(int zone) {
        run(List.of("bash", script.toString(), "start-ic", dir.toString(), Integer.toString(checkZone(zone))),
                DEFAULT_COMMAND_TIMEOUT);
    }

    /**
     * The comments of the transactions recorded in database file {@code name}.db ({@code icnb}, {@code az1nb},
     * ...), oldest first, read with {@code ovsdb-tool show-log}: what was written, by whom (fedgate's start with
     * {@code "fedgate "}, ovn-ic's and ovn-northd's with their names, the tools' with theirs).
     */
    public List<String> transactionLog(String name) {
        String out = run(List.of("ovsdb-tool", "show-log", dir.resolve(name + ".db").toString()), DEFAULT_COMMAND_TIMEOUT);
        List<String> comments = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("record ")) {
                int q = line.indexOf('"');
                comments.add(q < 0 ? "" : line.substring(q + 1).replaceFirst("\"$", ""));
            }
        }
        return comments;
    }

    /** Stops and starts one ovsdb-server. */
    public void restartDatabase(String name) {
        stopDatabase(name);
        startDatabase(name);
    }

    /** Stops every process of the stack and removes its directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            LOG.debug("JVM already shutting down; the hook stops stack {}", dir);
        }
        reportCrashes();
        try {
            run(stopCommand(), DEFAULT_STOP_TIMEOUT);
        } finally {
            deleteQuietly(scriptDir);
        }
    }

    /**
     * The daemons' monitors restart ovn-ic and ovn-northd when they crash (OVN 23.03's ovn-ic does, under fast
     * churn of transit switches and AZ names); each restart is logged here so that a slow test can be read.
     */
    public List<String> crashes() {
        List<String> out = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList()) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    if (line.contains("crashes:")) {
                        out.add(log.getFileName() + ": " + line);
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("could not read logs of {}: {}", dir, e.getMessage());
        }
        return out;
    }

    /**
     * What to read when a test on this stack fails: every daemon's warnings and errors (last lines), the
     * interconnection rows in IC-SB, and each AZ's name and transit switches.
     */
    public String diagnostics() {
        StringBuilder sb = new StringBuilder("OVN-IC stack " + dir + "\n");
        try (var files = Files.list(dir)) {
            for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList()) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                        .filter(l -> l.contains("|WARN|") || l.contains("|ERR|") || l.contains("|EMER|")).toList();
                lines.subList(Math.max(0, lines.size() - 8), lines.size())
                        .forEach(l -> sb.append("  ").append(log.getFileName()).append(": ").append(l).append('\n'));
            }
        } catch (IOException e) {
            sb.append("  (logs unreadable: ").append(e.getMessage()).append(")\n");
        }
        for (String[] q : new String[][] {{"Availability_Zone", "name"}, {"Port_Binding", "logical_port,address,gateway"},
                {"Route", "ip_prefix,nexthop"}}) {
            try {
                sb.append("  IC-SB ").append(q[0]).append(": ")
                        .append(icSbctl("--bare", "--columns=" + q[1], "list", q[0]).replaceAll("\\s+", " ").strip())
                        .append('\n');
            } catch (LocalStackException e) {
                sb.append("  IC-SB ").append(q[0]).append(": ").append(e.getMessage()).append('\n');
            }
        }
        for (int z = 1; z <= zoneCount(); z++) {
            try {
                sb.append("  az").append(z).append(" NB name=").append(nbctl(z, "get", "NB_Global", ".", "name").strip())
                        .append(" switches=").append(nbctl(z, "--bare", "--columns=name", "list", "Logical_Switch")
                                .replaceAll("\\s+", " ").strip()).append('\n');
            } catch (LocalStackException e) {
                sb.append("  az").append(z).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    private void reportCrashes() {
        crashes().forEach(c -> LOG.warn("OVN daemon crashed and was restarted by its monitor: {}", c));
    }

    private synchronized void stopQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            run(stopCommand(), DEFAULT_STOP_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warn("could not stop OVN-IC stack {}: {}", dir, e.getMessage());
        }
    }

    private List<String> stopCommand() {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString(), "stop", dir.toString()));
        if ("1".equals(System.getenv(KEEP_DIR_ENV))) {
            cmd.add("--keep-dir");
            LOG.info("keeping OVN-IC stack directory {} ({}=1)", dir, KEEP_DIR_ENV);
        }
        return cmd;
    }

    private String tool(String binary, String db, String... args) {
        return runTool(binary, db, args);
    }

    /**
     * Runs one OVN command-line tool ({@code ovn-nbctl}, {@code ovn-ic-nbctl}, ...) against database {@code db}
     * ({@code tcp:}, {@code unix:} or {@code ssl:}); returns its stdout.
     *
     * @throws LocalStackException with the tool's stderr when it fails or takes over
     *                             {@link #DEFAULT_COMMAND_TIMEOUT}
     */
    public static String runTool(String binary, String db, String... args) {
        List<String> cmd = new ArrayList<>(List.of(binary, "--db=" + db, "--timeout=20"));
        cmd.addAll(Arrays.asList(args));
        return run(cmd, DEFAULT_COMMAND_TIMEOUT);
    }

    private String value(String key) {
        String v = env.get(key);
        if (v == null) {
            throw new LocalStackException("stack " + dir + " has no " + key + " in endpoints.env");
        }
        return v;
    }

    private int checkZone(int zone) {
        if (zone < 1 || zone > zoneCount()) {
            throw new IllegalArgumentException("zone " + zone + " is not in 1.." + zoneCount());
        }
        return zone;
    }

    /** Runs a command with a deadline; returns stdout, or throws with the exit code and stderr. */
    static String run(List<String> cmd, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("fedgate-cmd", ".out");
            err = Files.createTempFile("fedgate-cmd", ".err");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new LocalStackException(String.join(" ", cmd) + " did not finish within " + timeout.toSeconds() + " s");
            }
            String stdout = readBounded(out);
            if (p.exitValue() != 0) {
                throw new LocalStackException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): "
                        + readBounded(err).strip());
            }
            return stdout;
        } catch (IOException e) {
            throw new LocalStackException("could not run " + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while running " + String.join(" ", cmd), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static String readBounded(Path file) throws IOException {
        long size = Files.size(file);
        if (size > DEFAULT_MAX_OUTPUT_BYTES) {
            throw new LocalStackException("command output " + file + " is " + size + " bytes, over the limit of "
                    + DEFAULT_MAX_OUTPUT_BYTES);
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    private static boolean onPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, binary))) {
                return true;
            }
        }
        return false;
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", p, e.getMessage());
        }
    }

    /**
     * What to start.
     *
     * @param zones      number of availability zones
     * @param router     the cluster router to create in every AZ NB, or null for none
     * @param podCidrs   router networks per zone (1-based), as written on the router ports; zones not listed
     *                   get 10.(15+zone).0.1/16
     * @param gateways   SB chassis per zone, marked as interconnection gateways
     * @param nameZones  set {@code NB_Global.name=az<N>} and turn route advertisement and learning on
     * @param tls        also listen with TLS; a client certificate is made for {@link #clientTls()}
     */
    public record Options(int zones, String router, Map<Integer, List<String>> podCidrs,
                          Map<Integer, List<String>> gateways, boolean nameZones, boolean tls, Duration startTimeout) {
        public Options {
            podCidrs = Map.copyOf(podCidrs);
            gateways = Map.copyOf(gateways);
        }

        List<String> arguments() {
            List<String> a = new ArrayList<>(List.of("--azs", Integer.toString(zones)));
            if (router == null) {
                a.add("--no-router");
            } else {
                a.addAll(List.of("--router", router));
            }
            new TreeMap<>(podCidrs).forEach((z, c) -> a.addAll(List.of("--pod-cidr", z + "=" + String.join(",", c))));
            new TreeMap<>(gateways).forEach((z, gws) -> gws.forEach(g -> a.addAll(List.of("--gateway", z + "=" + g))));
            if (nameZones) {
                a.add("--name-azs");
            }
            if (tls) {
                a.add("--ssl");
            }
            return a;
        }

        /** Builds {@link Options}. */
        public static final class Builder {
            private int zones = 2;
            private String router = "ovn-cluster";
            private final Map<Integer, List<String>> podCidrs = new LinkedHashMap<>();
            private final Map<Integer, List<String>> gateways = new LinkedHashMap<>();
            private boolean nameZones;
            private boolean tls;
            private Duration startTimeout = Duration.ofSeconds(60);

            public Builder zones(int n) {
                if (n < 1 || n > 50) {
                    throw new IllegalArgumentException("zones (" + n + ") must be in 1..50");
                }
                this.zones = n;
                return this;
            }

            /** The cluster router name (default {@code ovn-cluster}); null for none. */
            public Builder router(String name) {
                this.router = name;
                return this;
            }

            /** Router networks of {@code zone}, e.g. {@code "10.16.0.1/16"}. */
            public Builder podCidrs(int zone, String... cidrs) {
                podCidrs.put(zone, List.of(cidrs));
                return this;
            }

            /** Adds an SB chassis marked as interconnection gateway to {@code zone}. */
            public Builder gateway(int zone, String chassis) {
                gateways.computeIfAbsent(zone, z -> new ArrayList<>()).add(chassis);
                return this;
            }

            /** Names the AZs az1..azN and turns route exchange on (for stacks not driven by fedgate). */
            public Builder nameZones() {
                this.nameZones = true;
                return this;
            }

            /** Also serves every database over TLS. */
            public Builder tls() {
                this.tls = true;
                return this;
            }

            public Builder startTimeout(Duration d) {
                this.startTimeout = d;
                return this;
            }

            public Options build() {
                for (int z : podCidrs.keySet()) {
                    if (z < 1 || z > zones) {
                        throw new IllegalArgumentException("podCidrs for zone " + z + ", but zones are 1.." + zones);
                    }
                }
                for (int z : gateways.keySet()) {
                    if (z < 1 || z > zones) {
                        throw new IllegalArgumentException("gateway for zone " + z + ", but zones are 1.." + zones);
                    }
                }
                return new Options(zones, router, podCidrs, gateways, nameZones, tls, startTimeout);
            }
        }
    }
}
