package io.fedgate.cli.demo;

import ch.qos.logback.classic.Level;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.TransitSwitch;
import io.fedgate.api.topology.Topology;
import io.fedgate.api.topology.TopologyParser;
import io.fedgate.hubclient.GoDuration;
import io.fedgate.interconnect.localstack.OvnIcStack;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fedgate demo}: a whole federation on this machine. Real components (hub, agents, gateways, mTLS on
 * loopback); simulated clusters (fabric8's Kubernetes mock server) and demo backends. Prints a status table every
 * two seconds and serves a status page; {@code --chaos} kills one exporting cluster and brings it back.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a whole federation on this machine: a real hub, and per cluster of the topology a "
            + "simulated Kubernetes API (fabric8 mock server), a real agent, two real gateways and demo backends; a "
            + "client load from the consuming clusters; a live status table and a status page on 127.0.0.1; a "
            + "kubeconfig per cluster for kubectl.",
            "Ctrl-C stops everything it started."})
public final class DemoCommand implements Callable<Integer> {
    private static final Duration TABLE_INTERVAL = Duration.ofSeconds(2);
    private static final Duration DEMO_LEASE = Duration.ofSeconds(3);

    @Spec
    CommandSpec spec;

    @Option(names = "--topology", paramLabel = "FILE", defaultValue = "topology-examples/three-cluster-active-active.yaml",
            description = "Topology file (default: ${DEFAULT-VALUE}).")
    Path topologyFile;

    @Option(names = "--duration", paramLabel = "D", description = "Stop by itself after D (e.g. 30s, 2m); default: "
            + "run until Ctrl-C.")
    String duration;

    @Option(names = "--chaos", description = "Kill one exporting cluster mid-run (gateways, backends, agent), then "
            + "bring it back.")
    boolean chaos;

    @Option(names = "--with-ovn", description = "Also show OVN-IC: transit switches and routes per availability zone.")
    boolean withOvn;

    @Option(names = "--status-port", paramLabel = "N", defaultValue = "7070",
            description = "Port of the status page on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks one).")
    int statusPort;

    @Option(names = "--no-browser-hint", description = "Do not print the hint to open the status page.")
    boolean noBrowserHint;

    @Option(names = "--prometheus-targets", paramLabel = "FILE",
            description = "Write a Prometheus file-SD targets file listing every component's /metrics endpoint.")
    Path prometheusTargets;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the hub and certificates are kept "
            + "(default: a new temporary directory, deleted at the end).")
    Path workDir;

    @Option(names = "--kubeconfig-dir", paramLabel = "DIR", defaultValue = ".fedgate-demo",
            description = "Where to write one kubeconfig per simulated cluster, DIR/<cluster-id>.kubeconfig, for "
                + "kubectl (default: ./${DEFAULT-VALUE}/); at the end only those files are removed.")
    Path kubeconfigDir;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "error",
            description = "Level of the components' logs (default: ${DEFAULT-VALUE}: the table is the output).")
    String logLevel;

    @Override
    public Integer call() throws Exception {
        Duration runFor = duration == null ? null : parseDuration();
        if (statusPort < 0 || statusPort > 65535) {
            throw new ParameterException(spec.commandLine(), "--status-port " + statusPort + " is not in 0..65535");
        }
        Topology topology = readTopology();
        quietLogs();
        PrintWriter out = spec.commandLine().getOut();
        boolean ownDir = workDir == null;
        Path dir = ownDir ? Files.createTempDirectory("fedgate-demo") : Files.createDirectories(workDir);
        out.printf("fedgate demo: %d clusters from %s. The clusters are SIMULATED (fabric8 Kubernetes mock servers on "
                + "loopback); the hub, agents and gateways are the real components, talking mutual TLS.%n",
                topology.clusters().size(), topologyFile);
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        DemoFederation federation = DemoFederation.start(topology, dir, DEMO_LEASE);
        DemoKubeconfigs kubeconfigs = null;
        StatusPage page = null;
        DemoOvnStack ovn = null;
        // Ctrl-C runs the shutdown hook, not this method's finally: the hook must see the OVN stack too
        java.util.concurrent.atomic.AtomicReference<DemoOvnStack> ovnRef = new java.util.concurrent.atomic.AtomicReference<>();
        Thread hook = null;
        try {
            kubeconfigs = DemoKubeconfigs.write(kubeconfigDir, federation.clusters());
            printKubeconfigs(kubeconfigs, out);
            page = StatusPage.start(statusPort, () -> DemoFederation.json(federation.status()));
            StatusPage openPage = page;
            DemoKubeconfigs written = kubeconfigs;
            hook = new Thread(() -> {
                stopped.countDown();
                openPage.close();
                written.close();
                DemoOvnStack startedOvn = ovnRef.get();
                if (startedOvn != null) {
                    startedOvn.close();
                }
                federation.close();
            }, "fedgate-demo-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            if (!noBrowserHint) {
                out.printf("status page: http://127.0.0.1:%d/  (Ctrl-C stops everything)%n", page.port());
            } else {
                out.printf("status page: http://127.0.0.1:%d/%n", page.port());
            }
            if (withOvn) {
                ovn = startOvn(federation, topology, out);
                ovnRef.set(ovn);
                federation.ovnStatus(ovn != null ? ovn.lines() : planLines(federation));
            }
            run(federation, runFor, stopped, out);
            if (ovn != null) {
                federation.ovnStatus(ovn.lines());
            }
        } finally {
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down: the hook closes everything
                    return 0;
                }
            }
            if (page != null) {
                page.close();
            }
            if (kubeconfigs != null) {
                kubeconfigs.close();
            }
            if (ovn != null) {
                ovn.close();
            }
            federation.close();
            if (ownDir) {
                deleteTree(dir);
            }
        }
        out.println("fedgate demo: stopped; every component it started is closed.");
        out.flush();
        return 0;
    }

    private static void printKubeconfigs(DemoKubeconfigs kubeconfigs, PrintWriter out) {
        List<Path> files = kubeconfigs.files();
        out.printf("kubectl: one kubeconfig per simulated cluster in %s (%s), e.g. kubectl --kubeconfig %s get "
                + "serviceimports -A%n", kubeconfigs.dir(), String.join(", ", files.stream()
                .map(f -> f.getFileName().toString()).toList()), files.isEmpty() ? "FILE" : files.get(0));
        out.flush();
    }

    private void run(DemoFederation federation, Duration runFor, CountDownLatch stopped, PrintWriter out)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = runFor == null ? Long.MAX_VALUE : start + runFor.toNanos();
        String victim = chaos ? federation.chaosVictim() : null;
        Duration killAt = runFor == null ? Duration.ofSeconds(15) : runFor.multipliedBy(3).dividedBy(10);
        Duration reviveAt = runFor == null ? Duration.ofSeconds(30) : runFor.multipliedBy(11).dividedBy(20);
        boolean killed = false;
        boolean revived = false;
        while (System.nanoTime() < end) {
            long elapsed = System.nanoTime() - start;
            if (victim != null && !killed && elapsed >= killAt.toNanos()) {
                federation.kill(victim);
                killed = true;
            }
            if (victim != null && killed && !revived && elapsed >= reviveAt.toNanos()) {
                federation.revive(victim);
                revived = true;
            }
            if (prometheusTargets != null) {
                federation.writePrometheusTargets(prometheusTargets);
            }
            out.print(StatusTable.render(federation.status()));
            out.flush();
            if (stopped.await(TABLE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    /** OVN-IC as the hub planned it; the OVN daemons themselves are shown only where the interconnect module runs them. */
    /**
     * Starts the real OVN-IC stack for {@code --with-ovn} and waits for route exchange; null (with the reason
     * printed) when Debian's ovn packages are missing or the plan routes nobody: the demo goes on without it.
     */
    private static DemoOvnStack startOvn(DemoFederation federation, Topology topology, PrintWriter out)
            throws InterruptedException {
        Optional<String> missing = OvnIcStack.unavailableReason();
        if (missing.isPresent()) {
            out.println("--with-ovn: " + missing.get() + " (apt-get install ovn-central ovn-ic ovn-ic-db "
                    + "openvswitch-common); showing the hub's interconnect plan only");
            return null;
        }
        // the hub plans once the agents have reported: wait for a plan before deciding nothing is routed
        ClusterPlan any = federation.anyPlan();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((any == null || any.interconnect().zones().isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            federation.status();
            any = federation.anyPlan();
        }
        if (any == null || any.interconnect().zones().isEmpty()) {
            out.println("--with-ovn: the hub's plan routes no cluster through OVN-IC; nothing to start");
            return null;
        }
        DemoOvnStack ovn = DemoOvnStack.start(any.interconnect(), topology);
        out.println("--with-ovn: applied the hub's interconnect plan to a local OVN-IC stack:");
        out.println(ovn.appliedReport().strip());
        if (!ovn.awaitRoutes(topology)) {
            out.println("--with-ovn: not every route learned yet: " + ovn.missingRoutes(topology));
        }
        ovn.lines().forEach(out::println);
        out.flush();
        return ovn;
    }

    private static List<String> planLines(DemoFederation federation) {
        List<String> lines = new ArrayList<>();
        lines.add("no local stack; the hub's interconnect plan");
        ClusterPlan any = federation.anyPlan();
        if (any != null) {
            for (TransitSwitch ts : any.interconnect().transitSwitches()) {
                lines.add("transit switch " + ts.name() + " " + ts.subnet() + ": " + ts.members().stream()
                        .map(m -> m.availabilityZone() + "=" + m.address().toInterfaceString()).toList());
            }
            any.interconnect().zones().forEach(z -> lines.add("AZ " + z.availabilityZone() + " (" + z.clusterId()
                    + "): advertise " + z.advertise() + ", learn " + z.learn() + ", denylist " + z.routeDenylist()));
        }
        return lines;
    }

    private Duration parseDuration() {
        try {
            Duration d = GoDuration.parse(duration);
            if (d.compareTo(Duration.ofSeconds(5)) < 0) {
                throw new ParameterException(spec.commandLine(), "--duration " + duration + " must be at least 5s");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--duration \"" + duration + "\" is not a duration like "
                    + "30s or 2m: " + e.getMessage());
        }
    }

    private Topology readTopology() throws IOException {
        if (!Files.isReadable(topologyFile)) {
            throw new ParameterException(spec.commandLine(), "--topology " + topologyFile + " does not exist or cannot "
                    + "be read (run from the repository root, or give --topology FILE)");
        }
        return TopologyParser.parse(topologyFile);
    }

    private void quietLogs() {
        Level level = Level.toLevel(logLevel.toUpperCase(java.util.Locale.ROOT), Level.ERROR);
        for (String name : List.of("io.fedgate", "com.hazelcast", "io.vertx", "io.netty", "io.fabric8", "okhttp3",
                "org.eclipse")) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(level);
            }
        }
        java.util.logging.LogManager.getLogManager().reset();
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.OFF);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
