package io.fedgate.cli.bench;

import io.fedgate.api.codec.FederationCodecs;
import io.fedgate.cli.Fedgate;
import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.ClusterHealth;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.GatewayEndpoint;
import io.fedgate.api.model.GatewayPeer;
import io.fedgate.api.model.LoadBalancing;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.TrafficPolicy;
import io.fedgate.api.pki.CertificateAuthority;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.api.pki.TlsMaterial;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fedgate bench gateway} and {@code fedgate bench failover}: loopback benchmarks of the gateway path. */
final class GatewayBenchCommands {
    private static final ServiceKey ECHO = new ServiceKey("bench", "echo");
    private static final int SERVICE_PORT = 7000;
    private static final String LOOPBACK = GatewayProcesses.LOOPBACK;
    private static final List<String> CHAINS = List.of("direct", "haproxy", "fedgate");

    private GatewayBenchCommands() {
    }

    /** {@code fedgate bench gateway}: fedgate chain beside direct TCP and a two-hop mutual-TLS HAProxy chain. */
    @Command(name = "gateway", mixinStandardHelpOptions = true,
            description = {"Throughput, new flows per second and p50/p99 latency through client -> gateway -> tunnel "
                + "-> gateway -> backend, beside direct loopback TCP and HAProxy (Debian package) set up as the same "
                + "two-hop mutual-TLS chain; prints ratios. Loopback only."})
    static final class Gateway implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--streams", defaultValue = "4", description = "Parallel bulk streams (default: ${DEFAULT-VALUE}).")
        int streams;

        @Option(names = "--mib", defaultValue = "256", description = "MiB per bulk stream (default: ${DEFAULT-VALUE}).")
        long mib;

        @Option(names = "--flow-workers", defaultValue = "16",
                description = "Closed-loop workers for the flow rate (default: ${DEFAULT-VALUE}).")
        int flowWorkers;

        @Option(names = "--seconds", defaultValue = "5", description = "Flow-rate run length (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--warmup", defaultValue = "60",
                description = "Seconds of unmeasured bulk and flow load on each chain first, so JVM chains are "
                    + "measured in their steady state, as a long-running gateway runs: the JIT takes about a minute "
                    + "of this load to settle (default: ${DEFAULT-VALUE}; 0: none).")
        int warmup;

        @Option(names = "--round-trips", defaultValue = "20000",
                description = "Latency ping-pongs (default: ${DEFAULT-VALUE}).")
        int roundTrips;

        @Option(names = "--haproxy", defaultValue = "/usr/sbin/haproxy",
                description = "HAProxy binary (default: ${DEFAULT-VALUE}).")
        Path haproxy;

        @Option(names = "--chains", split = ",", defaultValue = "direct,haproxy,fedgate",
                description = "Chains to measure, of direct, haproxy, fedgate (default: ${DEFAULT-VALUE}); "
                    + "ratios need the chains they compare.")
        Set<String> chains;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Set<String> unknown = new TreeSet<>(chains);
            unknown.removeAll(CHAINS);
            if (!unknown.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--chains: " + unknown + " not among " + CHAINS);
            }
            Path dir = Files.createTempDirectory("fedgate-bench");
            CertificateAuthority ca = CertificateAuthority.create("bench", Duration.ofDays(1), Clock.systemUTC());
            try (BenchLoad.EchoServer backend = new BenchLoad.EchoServer()) {
                List<String[]> rows = new ArrayList<>();
                BenchLoad.Result directResult = null;
                BenchLoad.Result haproxyResult = null;
                BenchLoad.Result fedgate = null;
                if (chains.contains("direct")) {
                    directResult = run("direct TCP", new InetSocketAddress(LOOPBACK, backend.port()), null, rows,
                            out);
                }
                if (chains.contains("haproxy") && Files.isExecutable(haproxy)) {
                    try (HaproxyChain chain = HaproxyChain.start(haproxy, ca, dir, backend.port())) {
                        haproxyResult = run("HAProxy 2-hop mTLS", chain.entry(), chain::cpu, rows, out);
                    }
                } else if (chains.contains("haproxy")) {
                    out.println("HAProxy not found at " + haproxy + " (apt-get install -y --no-install-recommends "
                            + "haproxy); skipping that column");
                }
                if (chains.contains("fedgate")) {
                    try (FedgateChain chain = FedgateChain.start(ca, dir, backend.port())) {
                        fedgate = run("fedgate 2-hop tunnel", chain.entry(), chain::cpu, rows, out);
                    }
                }
                out.println();
                out.printf("%-22s %12s %14s %16s %12s %12s%n", "chain", "MiB/s", "new flows/s", "proxy CPU/flow",
                        "p50 us", "p99 us");
                for (String[] r : rows) {
                    out.printf("%-22s %12s %14s %16s %12s %12s%n", (Object[]) r);
                }
                if (fedgate != null && directResult != null) {
                    out.printf("%nfedgate / direct:   throughput %.2fx, flows %.2fx, added p99 %.0f us%n",
                            fedgate.mibPerSecond() / directResult.mibPerSecond(),
                            fedgate.flowsPerSecond() / directResult.flowsPerSecond(),
                            fedgate.p99Micros() - directResult.p99Micros());
                }
                if (fedgate != null && haproxyResult != null) {
                    out.printf("fedgate / HAProxy:  throughput %.2fx, flows %.2fx, p99 %.2fx%n",
                            fedgate.mibPerSecond() / haproxyResult.mibPerSecond(),
                            fedgate.flowsPerSecond() / haproxyResult.flowsPerSecond(),
                            fedgate.p99Micros() / haproxyResult.p99Micros());
                    out.printf("new flows per proxy CPU-second, fedgate / HAProxy: %.2fx (the rate each chain "
                            + "would carry on cores of its own)%n",
                            haproxyResult.proxyMicrosPerFlow() / fedgate.proxyMicrosPerFlow());
                }
                out.printf("load average (1, 5, 15 min) at the end: %s%n", loadAverage());
                out.flush();
            }
            return 0;
        }

        private BenchLoad.Result run(String name, InetSocketAddress target, Supplier<Duration> proxyCpu,
                                     List<String[]> rows, PrintWriter out) throws Exception {
            out.println("measuring " + name + " via " + target + " ...");
            out.flush();
            if (warmup > 0) {
                BenchLoad.warmUp(target, streams, flowWorkers, warmup * 1000L);
            }
            BenchLoad.Result r = BenchLoad.measure(target, streams, mib * 1024 * 1024, flowWorkers, seconds * 1000L,
                    roundTrips, proxyCpu);
            rows.add(new String[] {name, String.format("%.0f", r.mibPerSecond()),
                String.format("%.0f", r.flowsPerSecond()),
                Double.isNaN(r.proxyMicrosPerFlow()) ? "-" : String.format("%.0f us", r.proxyMicrosPerFlow()),
                String.format("%.0f", r.p50Micros()),
                String.format("%.0f", r.p99Micros())});
            return r;
        }
    }

    /** {@code fedgate bench failover}: kill gateway processes under a steady new-flow rate. */
    @Command(name = "failover", mixinStandardHelpOptions = true,
            description = {"Under an open-loop arrival rate of new flows through a client gateway, kill -9 one of "
                + "cluster a's two gateway processes (expect zero failed new flows), then the other (a's gateways all "
                + "gone: report the time until no errors as traffic fails over to cluster b). A flow is new for a kill "
                + "when it started after the killed process had exited; flows running at the kill are counted apart. "
                + "Loopback only."})
    static final class Failover implements Callable<Integer> {
        private static final int SLICES = 10;
        private static final int WARMUP_WORKERS = 8;
        private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
        private static final List<String> SERVING = List.of("a1", "a2", "b1");

        @Spec
        CommandSpec spec;

        @Option(names = "--rate", defaultValue = "1000",
                description = "New flows per second, open loop (default: ${DEFAULT-VALUE}).")
        int rate;

        @Option(names = "--warmup", defaultValue = "60",
                description = "Seconds of unmeasured closed-loop flows first, so the gateways are measured warm, "
                    + "as long-running gateways are: the JIT takes about a minute to settle (default: "
                    + "${DEFAULT-VALUE}; 0: none).")
        int warmup;

        @Option(names = "--steady", defaultValue = "3",
                description = "Seconds of open-loop load before the first kill (default: ${DEFAULT-VALUE}).")
        int steady;

        @Option(names = "--phase", defaultValue = "4",
                description = "Seconds of load after each kill (default: ${DEFAULT-VALUE}).")
        int phase;

        @Option(names = "--flow-timeout", defaultValue = "10",
                description = "Seconds after which an unanswered flow counts as failed (default: ${DEFAULT-VALUE}).")
        int flowTimeout;

        @Override
        public Integer call() throws Exception {
            if (rate < 1 || rate > OpenLoopFlows.DEFAULT_MAX_RATE) {
                throw new ParameterException(spec.commandLine(), "--rate (" + rate + ") must be in 1.."
                        + OpenLoopFlows.DEFAULT_MAX_RATE);
            }
            if (warmup < 0 || steady < 1 || phase < 1 || flowTimeout < 1) {
                throw new ParameterException(spec.commandLine(), "--warmup (" + warmup + ") must be >= 0; --steady ("
                        + steady + "), --phase (" + phase + ") and --flow-timeout (" + flowTimeout + ") >= 1");
            }
            PrintWriter out = spec.commandLine().getOut();
            Path dir = Files.createTempDirectory("fedgate-bench-failover");
            CertificateAuthority ca = CertificateAuthority.create("bench", Duration.ofDays(1), Clock.systemUTC());
            List<Process> processes = new ArrayList<>();
            try (BenchLoad.EchoServer backend = new BenchLoad.EchoServer()) {
                int[] ports = {BenchLoad.freePort(), BenchLoad.freePort(), BenchLoad.freePort()};
                String[] names = {"a1", "a2", "b1"};
                for (int i = 0; i < 3; i++) {
                    processes.add(FedgateChain.startServing(ca, dir, names[i], ports[i], backend.port()));
                }
                List<GatewayPeer> peers = List.of(
                        new GatewayPeer("a", List.of(new GatewayEndpoint("a1", LOOPBACK, ports[0]),
                                new GatewayEndpoint("a2", LOOPBACK, ports[1]))),
                        new GatewayPeer("b", List.of(new GatewayEndpoint("b1", LOOPBACK, ports[2]))));
                int entryPort = BenchLoad.freePort();
                int adminPort = BenchLoad.freePort();
                FedgateChain.writeClientPlan(dir, peers, 1, true);
                processes.add(FedgateChain.startClient(ca, dir, entryPort, adminPort, 2));
                InetSocketAddress entry = new InetSocketAddress(LOOPBACK, entryPort);
                try (OpenLoopFlows load = new OpenLoopFlows(entry, rate, steady + 2 * phase + 1,
                        Duration.ofSeconds(flowTimeout))) {
                    GatewayProcesses.awaitPlan(dir, "c1", adminPort, 1, SERVING);
                    out.printf("open loop: %d new flows/s through client gateway c1 (%s); a (a1, a2) preferred, b (b1) "
                            + "the failover; every gateway is a process of its own; logs in %s%n", rate, entry, dir);
                    out.flush();
                    if (warmup > 0) {
                        // through every replica, b1 included: a standby that never carried a flow would be
                        // measured cold (interpreted) at the moment it takes over
                        FedgateChain.writeClientPlan(dir, peers, 2, false);
                        GatewayProcesses.awaitPlan(dir, "c1", adminPort, 2, SERVING);
                        double warm = BenchLoad.flowsPerSecond(entry, WARMUP_WORKERS, warmup * 1000L);
                        out.printf("warm-up: %d s of closed-loop flows through a and b, %.0f flows/s (%d workers)%n",
                                warmup, warm, WARMUP_WORKERS);
                        FedgateChain.writeClientPlan(dir, peers, 3, true);
                        GatewayProcesses.awaitPlan(dir, "c1", adminPort, 3, SERVING);
                    }
                    long begin = System.nanoTime();
                    load.start();
                    Thread.sleep(steady * 1000L);
                    FailoverTally.Kill one = kill("a1", processes.get(0));
                    sleepUntil(one.signalNanos() + phase * 1_000_000_000L);
                    FailoverTally.Kill last = kill("a2", processes.get(1));
                    sleepUntil(last.signalNanos() + phase * 1_000_000_000L);
                    long arrivalsEnd = System.nanoTime();
                    List<OpenLoopFlows.Flow> flows = load.stop();
                    report(out, flows, begin, arrivalsEnd, load.maxLagNanos(), one, last);
                }
            } finally {
                processes.forEach(Process::destroyForcibly);
            }
            return 0;
        }

        private static void sleepUntil(long nanoTime) throws InterruptedException {
            long left = nanoTime - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
        }

        /** SIGKILL, then wait for the exit: by then the kernel has closed the process's sockets. */
        private static FailoverTally.Kill kill(String name, Process process) throws InterruptedException {
            long signal = System.nanoTime();
            process.destroyForcibly();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") did not exit 10 s after kill -9");
            }
            return new FailoverTally.Kill(name, signal, System.nanoTime());
        }

        private static void report(PrintWriter out, List<OpenLoopFlows.Flow> flows, long begin, long end, long lag,
                                   FailoverTally.Kill one, FailoverTally.Kill last) {
            FailoverTally.Stats steady = FailoverTally.steady(flows, one.signalNanos(), begin);
            out.printf("%d flows started in %.1f s (%.0f/s); generator at most %.1f ms behind schedule%n",
                    flows.size(), (end - begin) / 1e9, flows.size() / ((end - begin) / 1e9), lag / 1e6);
            out.printf("before any kill:  %s%n", line(steady));
            print(out, "kill -9 a1 (a2 still up)", FailoverTally.around(flows, one, last.signalNanos(), true, SLICES,
                    SLICE_NANOS));
            print(out, "kill -9 a2 (a's last replica)", FailoverTally.around(flows, last, end, false, SLICES,
                    SLICE_NANOS));
            out.printf("load average (1, 5, 15 min) at the end: %s%n", loadAverage());
            out.flush();
        }

        private static void print(PrintWriter out, String title, FailoverTally.AroundKill k) {
            out.printf("%s: exited %.1f ms after the signal%n", title,
                    (k.kill().exitNanos() - k.kill().signalNanos()) / 1e6);
            out.printf("  in flight at the kill: %s%n", line(k.inFlight()));
            out.printf("  new (started after the exit): %s%n", line(k.fresh()));
            out.printf("  last failure: %s%n", k.lastFailureNanos() < 0 ? "none" : String.format("a flow started "
                    + "%.0f ms after the signal (0: already running), failed %.0f ms after it", k.lastFailureNanos() / 1e6,
                    k.lastErrorNanos() / 1e6));
            StringBuilder timeline = new StringBuilder("  per 100 ms after the signal (started/failed/max ms):");
            for (FailoverTally.Slice s : k.timeline()) {
                timeline.append(String.format(" %d/%d/%.0f", s.started(), s.failed(), s.maxNanos() / 1e6));
            }
            out.println(timeline);
        }

        private static String line(FailoverTally.Stats s) {
            return String.format("%d flows (%.0f/s), %d failed%s; latency p50 %.2f ms, p99 %.2f ms, max %.1f ms "
                    + "(longest TCP connect %.1f ms)", s.flows(), s.rate(), s.failed(),
                    s.failures().isEmpty() ? "" : " " + s.failures(), s.p50Nanos() / 1e6, s.p99Nanos() / 1e6,
                    s.maxNanos() / 1e6, s.maxConnectNanos() / 1e6);
        }
    }

    /** Other work on the machine shows in the numbers; say how much there was. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    static TlsMaterial issue(CertificateAuthority ca, String cluster) {
        try {
            return ca.issue(SpiffeId.cluster(ca.clusterSet(), cluster, Component.GATEWAY), Duration.ofDays(1),
                    List.of("localhost"), List.of(InetAddress.getByName(LOOPBACK)));
        } catch (IOException e) {
            throw new IllegalStateException("loopback literal always parses", e);
        }
    }

    static ClusterPlan servingPlan(String cluster, int backendPort, String clientCluster) {
        return new ClusterPlan(cluster, 1, List.of(new ServiceImport(ECHO, null, null,
                List.of(ServicePort.tcp("tcp", SERVICE_PORT)), TrafficPolicy.DEFAULT,
                List.of(new ClusterEndpoints(cluster, null, null, DataPath.DIRECT, 1, 0, ClusterHealth.HEALTHY,
                        List.of(new Endpoint(LOOPBACK, true, null, null, Map.of("tcp", backendPort))))))),
                null, null, List.of(new GatewayPeer(clientCluster, List.of())));
    }

    static void writePlan(Path file, ClusterPlan plan) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, FederationCodecs.clusterPlan().encode(plan));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * fedgate's chain: a client gateway c1 (cluster c) listening for bench/echo, tunnelling to a serving gateway s1
     * (cluster s) in front of the backend; each a process of its own with one event loop.
     */
    static final class FedgateChain implements AutoCloseable {
        private final List<Process> processes;
        private final InetSocketAddress entry;

        private FedgateChain(List<Process> processes, InetSocketAddress entry) {
            this.processes = processes;
            this.entry = entry;
        }

        static FedgateChain start(CertificateAuthority ca, Path dir, int backendPort) throws Exception {
            List<Process> processes = new ArrayList<>();
            try {
                int servingPort = BenchLoad.freePort();
                processes.add(startServing(ca, dir, "s1", servingPort, backendPort));
                writeClientPlan(dir, List.of(new GatewayPeer("s", List.of(new GatewayEndpoint("s1", LOOPBACK,
                        servingPort)))), 1, true);
                int entryPort = BenchLoad.freePort();
                int adminPort = BenchLoad.freePort();
                processes.add(startClient(ca, dir, entryPort, adminPort, 1));
                GatewayProcesses.awaitPlan(dir, "c1", adminPort, 1, List.of("s1"));
                return new FedgateChain(processes, new InetSocketAddress(LOOPBACK, entryPort));
            } catch (Exception e) {
                GatewayProcesses.stop(processes);
                throw e;
            }
        }

        /** Serving gateway {@code name} in front of the backend, for clients of cluster c; one event loop. */
        static Process startServing(CertificateAuthority ca, Path dir, String name, int tunnelPort, int backendPort)
                throws IOException {
            writePlan(dir.resolve("plan-" + name + ".json"), servingPlan(name.substring(0, 1), backendPort, "c"));
            return GatewayProcesses.start(ca, dir, name, tunnelPort, "--admin", LOOPBACK + ":0", "--event-loops", "1");
        }

        /** Client gateway c1 (its plan written by {@link #writeClientPlan}) listening for bench/echo on entryPort. */
        static Process startClient(CertificateAuthority ca, Path dir, int entryPort, int adminPort, int loops)
                throws IOException {
            return GatewayProcesses.start(ca, dir, "c1", BenchLoad.freePort(), "--admin", LOOPBACK + ":" + adminPort,
                    "--listener-ports", entryPort + "-" + entryPort, "--event-loops", "" + loops);
        }

        /**
         * Writes version {@code version} of the client gateway's plan: {@code peers} serve bench/echo in their
         * order (priority failover) when {@code failover}, otherwise all at once (weighted, equal weights).
         */
        static void writeClientPlan(Path dir, List<GatewayPeer> peers, long version, boolean failover)
                throws IOException {
            List<ClusterEndpoints> serving = new ArrayList<>();
            List<String> order = new ArrayList<>();
            for (GatewayPeer p : peers) {
                serving.add(new ClusterEndpoints(p.clusterId(), null, null, DataPath.GATEWAY, 1,
                        failover ? order.size() : 0, ClusterHealth.HEALTHY, List.of()));
                order.add(p.clusterId());
            }
            TrafficPolicy policy = failover ? new TrafficPolicy(LoadBalancing.PRIORITY_FAILOVER, order)
                    : new TrafficPolicy(LoadBalancing.WEIGHTED, List.of());
            writePlan(dir.resolve("plan-c1.json"), new ClusterPlan("c", version, List.of(new ServiceImport(ECHO, null,
                    null, List.of(ServicePort.tcp("tcp", SERVICE_PORT)), policy, serving)), null, null, peers));
        }

        InetSocketAddress entry() {
            return entry;
        }

        /** CPU time both gateway processes have used so far. */
        Duration cpu() {
            return GatewayProcesses.cpu(processes);
        }

        @Override
        public void close() throws InterruptedException {
            GatewayProcesses.stop(processes);
        }
    }

    /** Two HAProxy processes: plain TCP in, mutual TLS 1.3 between them, plain TCP to the backend. */
    static final class HaproxyChain implements AutoCloseable {
        private final List<Process> processes;
        private final InetSocketAddress entry;

        private HaproxyChain(List<Process> processes, InetSocketAddress entry) {
            this.processes = processes;
            this.entry = entry;
        }

        static HaproxyChain start(Path haproxy, CertificateAuthority ca, Path dir, int backendPort) throws Exception {
            Files.writeString(dir.resolve("ca.crt"), ca.certificatePem());
            for (String side : List.of("hop1", "hop2")) {
                TlsMaterial m = issue(ca, side);
                Files.writeString(dir.resolve(side + ".pem"), m.certificateChainPem() + m.privateKeyPem());
            }
            int entryPort = BenchLoad.freePort();
            int middlePort = BenchLoad.freePort();
            String global = "global\n  nbthread 1\n  ssl-default-bind-options ssl-min-ver TLSv1.3\n"
                    + "  ssl-default-server-options ssl-min-ver TLSv1.3\n"
                    + "defaults\n  mode tcp\n  timeout connect 5s\n  timeout client 60s\n  timeout server 60s\n";
            Files.writeString(dir.resolve("hop1.cfg"), global + "frontend in\n  bind " + LOOPBACK + ":" + entryPort
                    + "\n  default_backend out\nbackend out\n  server hop2 " + LOOPBACK + ":" + middlePort + " ssl crt "
                    + dir.resolve("hop1.pem") + " ca-file " + dir.resolve("ca.crt") + " verify required\n");
            Files.writeString(dir.resolve("hop2.cfg"), global + "frontend in\n  bind " + LOOPBACK + ":" + middlePort
                    + " ssl crt " + dir.resolve("hop2.pem") + " ca-file " + dir.resolve("ca.crt")
                    + " verify required\n  default_backend echo\nbackend echo\n  server b " + LOOPBACK + ":"
                    + backendPort + "\n");
            List<Process> ps = new ArrayList<>();
            for (String hop : List.of("hop2", "hop1")) {
                ps.add(new ProcessBuilder(haproxy.toString(), "-db", "-f", dir.resolve(hop + ".cfg").toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve(hop + ".log").toFile()).start());
            }
            InetSocketAddress entry = new InetSocketAddress(LOOPBACK, entryPort);
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!BenchLoad.oneFlow(entry)) {
                if (System.nanoTime() > end) {
                    ps.forEach(Process::destroy);
                    throw new IllegalStateException("HAProxy chain did not come up; see " + dir + "/hop*.log");
                }
                Thread.sleep(100);
            }
            return new HaproxyChain(ps, entry);
        }

        InetSocketAddress entry() {
            return entry;
        }

        /** CPU time both HAProxy processes have used so far. */
        Duration cpu() {
            return GatewayProcesses.cpu(processes);
        }

        @Override
        public void close() throws InterruptedException {
            GatewayProcesses.stop(processes);
        }
    }
}
