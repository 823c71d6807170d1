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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
            description = {"Under a steady rate of new flows through a client gateway, kill -9 one of cluster a's two "
                + "gateway processes (expect zero failed flows), then the other (a's gateways all gone: report the time "
                + "until no errors as traffic fails over to cluster b). Loopback only."})
    static final class Failover implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--rate", defaultValue = "1000", description = "New flows per second (default: ${DEFAULT-VALUE}).")
        int rate;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Path dir = Files.createTempDirectory("fedgate-bench-failover");
            CertificateAuthority ca = CertificateAuthority.create("bench", Duration.ofDays(1), Clock.systemUTC());
            List<Process> processes = new ArrayList<>();
            try (BenchLoad.EchoServer backend = new BenchLoad.EchoServer()) {
                int[] ports = {BenchLoad.freePort(), BenchLoad.freePort(), BenchLoad.freePort()};
                String[] names = {"a1", "a2", "b1"};
                for (int i = 0; i < 3; i++) {
                    String cluster = names[i].substring(0, 1);
                    Path cert = dir.resolve("cert-" + names[i]);
                    issue(ca, cluster).save(cert);
                    Path plan = dir.resolve("plan-" + names[i] + ".json");
                    writePlan(plan, servingPlan(cluster, backend.port(), "c"));
                    processes.add(new ProcessBuilder(javaCommand("gateway", "--cluster-id", cluster, "--cert",
                            cert.toString(), "--plan", plan.toString(), "--listen", LOOPBACK, "--tunnel-port",
                            "" + ports[i], "--admin", LOOPBACK + ":0", "--name", names[i], "--event-loops", "1"))
                            .redirectErrorStream(true).redirectOutput(dir.resolve(names[i] + ".log").toFile()).start());
                }
                try (FedgateChain client = FedgateChain.startClient(ca, dir, List.of(
                        new GatewayPeer("a", List.of(new GatewayEndpoint("a1", LOOPBACK, ports[0]),
                                new GatewayEndpoint("a2", LOOPBACK, ports[1]))),
                        new GatewayPeer("b", List.of(new GatewayEndpoint("b1", LOOPBACK, ports[2])))))) {
                    client.awaitTunnels(List.of("a1", "a2", "b1"), Duration.ofSeconds(30));
                    out.printf("steady %d new flows/s through %s; a is preferred, b the failover%n", rate, client.entry());
                    List<long[]> flows = java.util.Collections.synchronizedList(new ArrayList<>());
                    long start = System.currentTimeMillis();
                    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
                    ExecutorService workers = Executors.newFixedThreadPool(128);
                    ticker.scheduleAtFixedRate(() -> workers.execute(() -> {
                        long t = System.currentTimeMillis();
                        flows.add(new long[] {t, BenchLoad.oneFlow(client.entry()) ? 1 : 0});
                    }), 0, 1_000_000L / rate, TimeUnit.MICROSECONDS);
                    Thread.sleep(2000);
                    long killOne = System.currentTimeMillis();
                    processes.get(0).destroyForcibly();
                    Thread.sleep(3000);
                    long killAll = System.currentTimeMillis();
                    processes.get(1).destroyForcibly();
                    Thread.sleep(4000);
                    ticker.shutdownNow();
                    workers.shutdown();
                    workers.awaitTermination(30, TimeUnit.SECONDS);
                    List<long[]> all = new ArrayList<>(flows);
                    long failedOne = all.stream().filter(f -> f[0] >= killOne && f[0] < killAll && f[1] == 0).count();
                    long totalOne = all.stream().filter(f -> f[0] >= killOne && f[0] < killAll).count();
                    long failedAll = all.stream().filter(f -> f[0] >= killAll && f[1] == 0).count();
                    long lastFailure = all.stream().filter(f -> f[0] >= killAll && f[1] == 0).mapToLong(f -> f[0])
                            .max().orElse(killAll);
                    long before = all.stream().filter(f -> f[0] < killOne && f[1] == 0).count();
                    out.printf("flows: %d in %.1f s (%d failed before any kill)%n", all.size(),
                            (System.currentTimeMillis() - start) / 1000.0, before);
                    out.printf("kill -9 one of a's 2 gateways: %d of %d new flows failed in the next 3 s%n",
                            failedOne, totalOne);
                    out.printf("kill -9 a's last gateway: %d flows failed; time until no errors: %d ms%n", failedAll,
                            lastFailure - killAll);
                    out.flush();
                }
            } finally {
                processes.forEach(Process::destroyForcibly);
            }
            return 0;
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
            List<ClusterEndpoints> serving = new ArrayList<>();
            List<String> order = new ArrayList<>();
            int priority = 0;
            for (GatewayPeer p : peers) {
                serving.add(new ClusterEndpoints(p.clusterId(), null, null, DataPath.GATEWAY, 1, priority++,
                        ClusterHealth.HEALTHY, List.of()));
                order.add(p.clusterId());
            }
            writePlan(dir.resolve("plan-c1.json"), new ClusterPlan("c", 1, List.of(new ServiceImport(ECHO, null, null,
                    List.of(ServicePort.tcp("tcp", SERVICE_PORT)),
                    new TrafficPolicy(LoadBalancing.PRIORITY_FAILOVER, order), serving)), null, null, peers));
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (client.listenerAddress(ECHO, SERVICE_PORT).isEmpty() && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            return new FedgateChain(List.of(client), client.listenerAddress(ECHO, SERVICE_PORT).orElseThrow(
                    () -> new IllegalStateException("client gateway did not bind its listener")));
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
