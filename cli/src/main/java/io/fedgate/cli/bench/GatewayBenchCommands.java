package io.fedgate.cli.bench;

import io.fedgate.api.codec.FederationCodecs;
import io.fedgate.cli.Fedgate;
import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.ClusterHealth;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.GatewayEndpoint;
import io.fedgate.api.model.GatewayListenerPorts;
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
import io.fedgate.gateway.GatewayConfig;
import io.fedgate.gateway.GatewayServer;
import io.fedgate.gateway.GatewayTuning;
import io.fedgate.gateway.PlanFileSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fedgate bench gateway} and {@code fedgate bench failover}: loopback benchmarks of the gateway path. */
final class GatewayBenchCommands {
    private static final ServiceKey ECHO = new ServiceKey("bench", "echo");
    private static final int SERVICE_PORT = 7000;
    private static final String LOOPBACK = "127.0.0.1";
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

        @Option(names = "--warmup", defaultValue = "10",
                description = "Seconds of unmeasured bulk and flow load on each chain first, so JVM chains are "
                    + "measured compiled rather than interpreted (default: ${DEFAULT-VALUE}; 0: none).")
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
                    directResult = run("direct TCP", new InetSocketAddress(LOOPBACK, backend.port()), rows, out);
                }
                if (chains.contains("haproxy") && Files.isExecutable(haproxy)) {
                    try (HaproxyChain chain = HaproxyChain.start(haproxy, ca, dir, backend.port())) {
                        haproxyResult = run("HAProxy 2-hop mTLS", chain.entry(), rows, out);
                    }
                } else if (chains.contains("haproxy")) {
                    out.println("HAProxy not found at " + haproxy + " (apt-get install -y --no-install-recommends "
                            + "haproxy); skipping that column");
                }
                if (chains.contains("fedgate")) {
                    try (FedgateChain chain = FedgateChain.start(ca, dir, backend.port(), 1)) {
                        fedgate = run("fedgate 2-hop tunnel", chain.entry(), rows, out);
                    }
                }
                out.println();
                out.printf("%-22s %12s %14s %12s %12s%n", "chain", "MiB/s", "new flows/s", "p50 us", "p99 us");
                for (String[] r : rows) {
                    out.printf("%-22s %12s %14s %12s %12s%n", (Object[]) r);
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
                }
                out.flush();
            }
            return 0;
        }

        private BenchLoad.Result run(String name, InetSocketAddress target, List<String[]> rows, PrintWriter out)
                throws Exception {
            out.println("measuring " + name + " via " + target + " ...");
            out.flush();
            if (warmup > 0) {
                BenchLoad.warmUp(target, streams, flowWorkers, warmup * 1000L);
            }
            BenchLoad.Result r = BenchLoad.measure(target, streams, mib * 1024 * 1024, flowWorkers, seconds * 1000L,
                    roundTrips);
            rows.add(new String[] {name, String.format("%.0f", r.mibPerSecond()),
                String.format("%.0f", r.flowsPerSecond()), String.format("%.0f", r.p50Micros()),
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

        @Spec
        CommandSpec spec;

        @Option(names = "--rate", defaultValue = "1000",
                description = "New flows per second, open loop (default: ${DEFAULT-VALUE}).")
        int rate;

        @Option(names = "--warmup", defaultValue = "15",
                description = "Seconds of unmeasured closed-loop flows first, so the gateways (and the JIT) are warm "
                    + "as long-running gateways are (default: ${DEFAULT-VALUE}; 0: none).")
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
                    processes.add(startServing(ca, dir, names[i], ports[i], backend.port()));
                }
                List<GatewayPeer> peers = List.of(
                        new GatewayPeer("a", List.of(new GatewayEndpoint("a1", LOOPBACK, ports[0]),
                                new GatewayEndpoint("a2", LOOPBACK, ports[1]))),
                        new GatewayPeer("b", List.of(new GatewayEndpoint("b1", LOOPBACK, ports[2]))));
                int entryPort = BenchLoad.freePort();
                int adminPort = BenchLoad.freePort();
                FedgateChain.writeClientPlan(dir, peers, 1, true);
                processes.add(startGateway(ca, dir, "c1", BenchLoad.freePort(), "--admin", LOOPBACK + ":" + adminPort,
                        "--listener-ports", entryPort + "-" + entryPort, "--event-loops", "2"));
                InetSocketAddress entry = new InetSocketAddress(LOOPBACK, entryPort);
                try (OpenLoopFlows load = new OpenLoopFlows(entry, rate, steady + 2 * phase + 1,
                        Duration.ofSeconds(flowTimeout))) {
                    awaitClient(dir, adminPort, 1);
                    out.printf("open loop: %d new flows/s through client gateway c1 (%s); a (a1, a2) preferred, b (b1) "
                            + "the failover; every gateway is a process of its own; logs in %s%n", rate, entry, dir);
                    out.flush();
                    if (warmup > 0) {
                        // through every replica, b1 included: a standby that never carried a flow would be
                        // measured cold (interpreted) at the moment it takes over
                        FedgateChain.writeClientPlan(dir, peers, 2, false);
                        awaitClient(dir, adminPort, 2);
                        double warm = BenchLoad.flowsPerSecond(entry, WARMUP_WORKERS, warmup * 1000L);
                        out.printf("warm-up: %d s of closed-loop flows through a and b, %.0f flows/s (%d workers)%n",
                                warmup, warm, WARMUP_WORKERS);
                        FedgateChain.writeClientPlan(dir, peers, 3, true);
                        awaitClient(dir, adminPort, 3);
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

        private static Process startServing(CertificateAuthority ca, Path dir, String name, int tunnelPort,
                                            int backendPort) throws IOException {
            writePlan(dir.resolve("plan-" + name + ".json"), servingPlan(name.substring(0, 1), backendPort, "c"));
            return startGateway(ca, dir, name, tunnelPort, "--admin", LOOPBACK + ":0", "--event-loops", "1");
        }

        /** A gateway process of cluster {@code name}'s first letter, its plan in {@code plan-<name>.json}. */
        private static Process startGateway(CertificateAuthority ca, Path dir, String name, int tunnelPort,
                                            String... more) throws IOException {
            String cluster = name.substring(0, 1);
            Path cert = dir.resolve("cert-" + name);
            issue(ca, cluster).save(cert);
            List<String> args = new ArrayList<>(List.of("gateway", "--cluster-id", cluster, "--cert", cert.toString(),
                    "--plan", dir.resolve("plan-" + name + ".json").toString(), "--listen", LOOPBACK, "--tunnel-port",
                    "" + tunnelPort, "--name", name));
            args.addAll(List.of(more));
            return new ProcessBuilder(javaCommand(args.toArray(String[]::new))).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        }

        /**
         * Waits until the client gateway applied plan {@code version} (its log says so) with its tunnels to a1, a2
         * and b1 up (its metrics say so).
         */
        private static void awaitClient(Path dir, int adminPort, long version) throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + adminPort
                    + "/metrics")).timeout(Duration.ofSeconds(2)).build();
            String applied = "planVersion=" + version + " applied";
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < end) {
                Path log = dir.resolve("c1.log");
                if (Files.exists(log) && Files.readString(log).contains(applied)) {
                    try {
                        String text = http.send(metrics, HttpResponse.BodyHandlers.ofString()).body();
                        if (List.of("a1", "a2", "b1").stream().allMatch(p -> text.matches(
                                "(?s).*fedgate_tunnel_up\\{[^}]*peer=\"" + p + "\"[^}]*} 1\\.0.*"))) {
                            return;
                        }
                    } catch (IOException e) {
                        // admin not listening yet
                    }
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("client gateway c1 did not apply plan " + version + " with tunnels to a1, "
                    + "a2 and b1 up within 60 s; see " + dir.resolve("c1.log"));
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

        /** Other work on the machine shows in the numbers; say how much there was. */
        private static String loadAverage() {
            try {
                String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
                return f[0] + " " + f[1] + " " + f[2];
            } catch (IOException e) {
                return "unknown (" + e.getMessage() + ")";
            }
        }

        private static String line(FailoverTally.Stats s) {
            return String.format("%d flows (%.0f/s), %d failed%s; latency p50 %.2f ms, p99 %.2f ms, max %.1f ms "
                    + "(longest TCP connect %.1f ms)", s.flows(), s.rate(), s.failed(),
                    s.failures().isEmpty() ? "" : " " + s.failures(), s.p50Nanos() / 1e6, s.p99Nanos() / 1e6,
                    s.maxNanos() / 1e6, s.maxConnectNanos() / 1e6);
        }

        private static List<String> javaCommand(String... args) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    Fedgate.class.getName()));
            cmd.addAll(List.of(args));
            return cmd;
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

    /** A client gateway (cluster c) listening for bench/echo, and optionally a serving gateway in-process. */
    static final class FedgateChain implements AutoCloseable {
        private final List<GatewayServer> servers;
        private final InetSocketAddress entry;

        private FedgateChain(List<GatewayServer> servers, InetSocketAddress entry) {
            this.servers = servers;
            this.entry = entry;
        }

        /** Client gateway (c) and serving gateway (s) in this process, {@code loops} event loops each. */
        static FedgateChain start(CertificateAuthority ca, Path dir, int backendPort, int loops) throws Exception {
            GatewayServer serving = server(ca, dir, "s", "s1", loops);
            writePlan(dir.resolve("plan-s1.json"), servingPlan("s", backendPort, "c"));
            FedgateChain client = startClient(ca, dir, List.of(new GatewayPeer("s", List.of(
                    new GatewayEndpoint("s1", LOOPBACK, serving.tunnelAddress().getPort())))), loops);
            client.awaitTunnels(List.of("s1"), Duration.ofSeconds(30));
            List<GatewayServer> all = new ArrayList<>(client.servers);
            all.add(serving);
            return new FedgateChain(all, client.entry);
        }

        static FedgateChain startClient(CertificateAuthority ca, Path dir, List<GatewayPeer> peers) throws Exception {
            return startClient(ca, dir, peers, 2);
        }

        static FedgateChain startClient(CertificateAuthority ca, Path dir, List<GatewayPeer> peers, int loops)
                throws Exception {
            int port = BenchLoad.freePort();
            GatewayServer client = GatewayServer.start(config(ca, "c", "c1", new GatewayListenerPorts(port, port),
                    loops), new PlanFileSource(dir.resolve("plan-c1.json"), Duration.ofMillis(100)));
            writeClientPlan(dir, peers, 1, true);
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (client.listenerAddress(ECHO, SERVICE_PORT).isEmpty() && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            return new FedgateChain(List.of(client), client.listenerAddress(ECHO, SERVICE_PORT).orElseThrow(
                    () -> new IllegalStateException("client gateway did not bind its listener")));
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

        private static GatewayServer server(CertificateAuthority ca, Path dir, String cluster, String name, int loops) {
            int port;
            try {
                port = BenchLoad.freePort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return GatewayServer.start(config(ca, cluster, name, new GatewayListenerPorts(port, port), loops),
                    new PlanFileSource(dir.resolve("plan-" + name + ".json"), Duration.ofMillis(100)));
        }

        private static GatewayConfig config(CertificateAuthority ca, String cluster, String name,
                                            GatewayListenerPorts ports, int loops) {
            try {
                return new GatewayConfig(cluster, name, issue(ca, cluster), InetAddress.getByName(LOOPBACK), ports,
                        new InetSocketAddress(LOOPBACK, 0), new InetSocketAddress(LOOPBACK, 0), Set.of(),
                        GatewayTuning.DEFAULT.withEventLoopThreads(loops).withDrainTimeout(Duration.ofSeconds(1)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void awaitTunnels(List<String> peers, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                String metrics = servers.get(0).scrapeMetrics();
                if (peers.stream().allMatch(p -> metrics.matches("(?s).*fedgate_tunnel_up\\{[^}]*peer=\"" + p
                        + "\"[^}]*} 1\\.0.*"))) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("tunnels to " + peers + " did not come up within " + timeout);
        }

        InetSocketAddress entry() {
            return entry;
        }

        @Override
        public void close() {
            servers.forEach(s -> s.drain(Duration.ZERO));
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

        @Override
        public void close() throws InterruptedException {
            for (Process p : processes) {
                p.destroy();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
