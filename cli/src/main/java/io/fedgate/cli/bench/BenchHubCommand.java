package io.fedgate.cli.bench;

import io.fedgate.api.codec.FederationCodecs;
import io.fedgate.api.codec.ModelReaders;
import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterNetwork;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.NetworkKind;
import io.fedgate.api.model.Protocol;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.net.Cidr;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.hub.FederationHub;
import io.fedgate.hub.HubConfig;
import io.fedgate.hubclient.HubClient;
import io.fedgate.hubclient.PlanListener;
import io.fedgate.hubclient.PlanWatch;
import io.fedgate.hub.PlanningStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fedgate bench hub}: a local hub of 1 or more in-process members, and one simulated agent per
 * cluster talking to it over real mutual TLS (a {@link HubClient} with a certificate obtained by joining).
 *
 * <p>Steps: start the members; join every cluster; send every inventory (each cluster exports
 * {@code --services} services of its own, {@code --endpoints} ready endpoints each; clusters are Kube-OVN
 * overlays with distinct pod ranges, so the planner also lays out OVN-IC); watch every cluster's plan until
 * each holds every import. Then {@code --changes} times: one cluster replaces one endpoint of one export,
 * and the time until every cluster's watch has delivered a plan with the new endpoint is taken (every
 * cluster imports every service, so every plan is affected). Reported: those times (p50, p99), the
 * leader's planning and store times per run, and the hub's heap per 10,000 services (heap after GC with the
 * hub loaded and the agents gone, minus the heap of the idle hub).
 */
@Command(name = "hub", mixinStandardHelpOptions = true,
        description = {"Benchmark the federation hub: simulated agents over real mTLS against a local hub of "
                + "--members in-process members.",
            "Reports the time from one export change to every affected plan delivered (p50, p99), plan computation "
                + "time, and heap per 10,000 services. Run with a large enough heap, e.g. JAVA_TOOL_OPTIONS=-Xmx4g."})
public final class BenchHubCommand implements Callable<Integer> {
    private static final int MAX_CLUSTERS = 256;
    private static final Duration WAIT = Duration.ofMinutes(10);
    private static final int WATCHES_AT_ONCE = 16;

    @Spec
    CommandSpec spec;

    @Option(names = "--clusters", defaultValue = "255", paramLabel = "N", description = "Clusters (default: ${DEFAULT-VALUE}).")
    int clusters;

    @Option(names = "--services", defaultValue = "200", paramLabel = "N",
            description = "Services each cluster exports (default: ${DEFAULT-VALUE}).")
    int services;

    @Option(names = "--endpoints", defaultValue = "10", paramLabel = "N",
            description = "Ready endpoints per export (default: ${DEFAULT-VALUE}).")
    int endpoints;

    @Option(names = "--members", defaultValue = "1", paramLabel = "N",
            description = "Hub members, in this JVM (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--changes", defaultValue = "50", paramLabel = "N",
            description = "Export changes to time (default: ${DEFAULT-VALUE}).")
    int changes;

    @Option(names = "--history", defaultValue = "8", paramLabel = "N",
            description = "Plan versions the hub keeps per cluster (planning.historySize; default: ${DEFAULT-VALUE}).")
    int history;

    @Option(names = "--warmup", defaultValue = "10", paramLabel = "N",
            description = "Export changes made before timing starts, so the JIT has compiled the hot paths "
                    + "(default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--log-level", defaultValue = "warn", paramLabel = "LEVEL",
            description = "Log level of fedgate's loggers while benchmarking (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Option(names = "--planner-only",
            description = "Time FederationPlanner.plan alone on the same inventories (no hub, no agents), e.g. at sizes "
                    + "whose plans are too large to serve.")
    boolean plannerOnly;

    @Option(names = "--unsealed",
            description = "Store the hub's state in Hazelcast as plaintext, the baseline to measure sealing against "
                    + "(benchmark only: a hub serving clusters always seals).")
    boolean unsealed;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where members keep their data (default: a temporary directory).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        validate();
        io.fedgate.cli.LogLevels.apply(logLevel);
        PrintWriter out = spec.commandLine().getOut();
        if (plannerOnly) {
            return plannerOnly(out);
        }
        Path root = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("fedgate-bench-hub");
        out.printf("fedgate bench hub: %d clusters x %d services x %d endpoints, %d member(s), %d changes after %d "
                + "warm-up, history %d, state %s, max heap %d MiB (%s)%n", clusters, services, endpoints, members,
                changes, warmup, history, unsealed ? "UNSEALED" : "sealed", Runtime.getRuntime().maxMemory() / (1024 * 1024),
                root);
        out.flush();
        List<FederationHub> hubs = new ArrayList<>();
        List<Agent> agents = new ArrayList<>();
        // one process per agent in reality; here 255 plans of 51,000 imports would be 255 copies without sharing
        io.fedgate.hubclient.ImportInterner interner = new io.fedgate.hubclient.ImportInterner();
        try {
            long idleHeap;
            hubs.addAll(startMembers(root));
            idleHeap = usedHeapAfterGc();
            List<URI> urls = hubs.stream().map(h -> URI.create("https://127.0.0.1:" + h.apiPort())).toList();
            try (HubClient admin = HubClient.builder().hubs(urls)
                    .identity(TlsMaterial.load(hubs.get(0).adminCertDir())).build()) {
                Instant loadStart = Instant.now();
                agents.addAll(joinAll(admin, urls, root, interner));
                putAll(agents);
                watchAll(agents);
                out.printf("loaded: %d exports in %d s; one inventory %d KiB, one plan %d KiB%n",
                        (long) clusters * services, Duration.between(loadStart, Instant.now()).toSeconds(),
                        FederationCodecs.clusterInventory().encode(agents.get(0).inventory).length / 1024,
                        FederationCodecs.clusterPlan().encode(agents.get(0).latest).length / 1024);
                out.flush();
            }
            FederationHub leader = hubs.stream().filter(FederationHub::planningLeader).findFirst().orElse(hubs.get(0));
            for (int change = 0; change < warmup; change++) {
                measureChange(agents, changes + change, new ArrayList<>(), new ArrayList<>());
            }
            int runsBefore = leader.planningStats().runs().size();
            List<Double> deliveredAll = new ArrayList<>();
            List<Double> deliveredEach = new ArrayList<>();
            for (int change = 0; change < changes; change++) {
                measureChange(agents, change, deliveredAll, deliveredEach);
            }
            List<PlanningStats.Run> runs = leader.planningStats().runs();
            List<PlanningStats.Run> measured = runs.subList(Math.min(runsBefore, runs.size()), runs.size());
            agents.forEach(Agent::close);
            agents.clear();
            long loadedHeap = usedHeapAfterGc();
            report(out, deliveredAll, deliveredEach, measured, loadedHeap - idleHeap);
            return 0;
        } finally {
            agents.forEach(Agent::close);
            for (int i = hubs.size() - 1; i >= 0; i--) {
                hubs.get(i).close();
            }
        }
    }

    private void validate() {
        if (clusters < 2 || clusters > MAX_CLUSTERS) {
            throw new io.fedgate.cli.UserInputException("--clusters " + clusters + " must be 2.." + MAX_CLUSTERS
                    + " (one pod /16 of 10.0.0.0/8 each)");
        }
        if (services < 1 || endpoints < 1 || endpoints > 250 || members < 1 || members > 5 || changes < 1
                || history < 1) {
            throw new io.fedgate.cli.UserInputException("--services, --changes and --history must be >= 1, "
                    + "--endpoints 1..250, --members 1..5");
        }
        long imports = (long) clusters * services;
        if (imports > ModelReaders.DEFAULT_MAX_PLAN_IMPORTS && !plannerOnly) {
            throw new io.fedgate.cli.UserInputException("--clusters x --services = " + imports + " imports per plan "
                    + "(every cluster imports every service), above the plan codec's limit of "
                    + ModelReaders.DEFAULT_MAX_PLAN_IMPORTS + " (ModelReaders.DEFAULT_MAX_PLAN_IMPORTS)");
        }
    }

    /** Plans the whole set {@code changes} times, one export changed each time, timing the planner alone. */
    private int plannerOnly(PrintWriter out) throws InterruptedException {
        long idle = usedHeapAfterGc();
        List<ClusterInventory> inventories = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            inventories.add(inventory(c));
        }
        io.fedgate.hub.planning.FederationPlanner planner = new io.fedgate.hub.planning.FederationPlanner();
        io.fedgate.hub.planning.PlanningInput input = new io.fedgate.hub.planning.PlanningInput(inventories,
                java.util.Set.of(), io.fedgate.hub.planning.TransitAllocations.EMPTY, 1);
        io.fedgate.hub.planning.FederationPlan plan = planner.plan(input);
        List<Double> full = new ArrayList<>();
        List<Double> incremental = new ArrayList<>();
        for (int run = 0; run < warmup + changes; run++) {
            int c = run % clusters;
            ClusterInventory changed = inventories.get(c);
            List<ExportedService> exports = new ArrayList<>(changed.exports());
            ExportedService export = exports.get(0);
            List<Endpoint> addresses = new ArrayList<>(export.endpoints());
            addresses.set(0, Endpoint.ready("10." + c + ".255." + (run % 250 + 1)));
            exports.set(0, new ExportedService(export.service(), export.type(), export.sessionAffinity(),
                    export.ports(), addresses, export.exportedAt(), export.weight(), export.priority(), export.policy()));
            inventories.set(c, new ClusterInventory(changed.clusterId(), changed.generation() + 1, changed.network(),
                    exports));
            io.fedgate.hub.planning.PlanningInput next = new io.fedgate.hub.planning.PlanningInput(inventories,
                    java.util.Set.of(), plan.transitAllocations(), 1);
            long start = System.nanoTime();
            io.fedgate.hub.planning.FederationPlan replanned = planner.replan(plan, input, next);
            long middle = System.nanoTime();
            planner.plan(next);
            long end = System.nanoTime();
            if (run >= warmup) {
                incremental.add((middle - start) / 1e6);
                full.add((end - middle) / 1e6);
            }
            plan = replanned;
            input = next;
        }
        long loaded = usedHeapAfterGc();
        long planImports = (long) plan.clusterIds().size() * plan.services().size();
        long variants = plan.services().values().stream().mapToLong(p -> p.variants().size()).sum();
        out.printf("planner alone: %d clusters x %d services x %d endpoints, %d runs after %d warm-up%n", clusters,
                services, endpoints, changes, warmup);
        out.printf("  FederationPlanner.plan (everything):     p50 %8.1f ms   p99 %8.1f ms%n", percentile(full, 50),
                percentile(full, 99));
        out.printf("  FederationPlanner.replan (one export):   p50 %8.1f ms   p99 %8.1f ms%n",
                percentile(incremental, 50), percentile(incremental, 99));
        out.printf("  heap for inventories + one FederationPlan (%d imports over all plans, %d distinct): %d MiB%n",
                planImports, variants, (loaded - idle) / (1024 * 1024));
        out.flush();
        return 0;
    }

    // ---- set-up ----

    private List<FederationHub> startMembers(Path root) throws IOException {
        List<Integer> hazelcastPorts = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            hazelcastPorts.add(freePort());
        }
        List<String> memberList = hazelcastPorts.stream().map(p -> "127.0.0.1:" + p).toList();
        List<FederationHub> started = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            HubConfig config = new HubConfig("bench", new HubConfig.Api("127.0.0.1", 0, List.of("127.0.0.1")),
                    new HubConfig.Management("127.0.0.1", 0), root.resolve("member-" + i), null, null,
                    new HubConfig.Hazelcast("fedgate-bench-" + ProcessHandle.current().pid(), "127.0.0.1",
                            hazelcastPorts.get(i), memberList, Map.of("hazelcast.wait.seconds.before.join", "1")),
                    Duration.ofHours(1), Duration.ofHours(1), Duration.ofDays(30),
                    root.resolve("member-" + i).resolve("audit.log"),
                    new HubConfig.Planning(Duration.ofMillis(20), history, 1), Duration.ofSeconds(5),
                    HubConfig.Sealing.generatedAt(root.resolve("sealing.keys")));
            started.add(unsealed ? FederationHub.startUnsealedForBenchmark(config, Clock.systemUTC())
                    : FederationHub.start(config, Clock.systemUTC()));
        }
        return started;
    }

    private List<Agent> joinAll(HubClient admin, List<URI> urls, Path root, io.fedgate.hubclient.ImportInterner interner)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Agent>> joined = new ArrayList<>();
            for (int c = 0; c < clusters; c++) {
                int index = c;
                joined.add(pool.submit(() -> Agent.join(index, admin, urls, root, inventory(index), interner)));
            }
            List<Agent> agents = new ArrayList<>();
            for (Future<Agent> agent : joined) {
                agents.add(agent.get());
            }
            return agents;
        } finally {
            pool.shutdown();
        }
    }

    private static void putAll(List<Agent> agents) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> puts = new ArrayList<>();
            agents.forEach(a -> puts.add(pool.submit(() -> a.client.putInventory(a.inventory))));
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Starts the watches {@value #WATCHES_AT_ONCE} at a time, each batch once the one before holds every import:
     * each watch starts with a whole plan (tens of MB at full size), and 255 of them decoded at once by one
     * JVM on two cores would starve each other past the watch idle timeout. Agents in their own processes
     * would not share that.
     */
    private void watchAll(List<Agent> agents) throws InterruptedException {
        for (int from = 0; from < agents.size(); from += WATCHES_AT_ONCE) {
            List<Agent> batch = agents.subList(from, Math.min(agents.size(), from + WATCHES_AT_ONCE));
            batch.forEach(Agent::watch);
            awaitAllImports(batch);
        }
    }

    private void awaitAllImports(List<Agent> agents) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        int expected = clusters * services;
        for (Agent agent : agents) {
            while (agent.latest == null || agent.latest.imports().size() != expected) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("cluster " + agent.id + " did not get all " + expected
                            + " imports within " + WAIT);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Cluster {@code c}: Kube-OVN overlay, AZ az-c, pods 10.c.0.0/16, services bench/c{c}-s{s}. */
    private ClusterInventory inventory(int c) {
        List<ExportedService> exports = new ArrayList<>(services);
        for (int s = 0; s < services; s++) {
            List<Endpoint> addresses = new ArrayList<>(endpoints);
            for (int e = 0; e < endpoints; e++) {
                int index = s * endpoints + e;
                addresses.add(Endpoint.ready("10." + c + "." + (index / 250) + "." + (index % 250 + 1)));
            }
            exports.add(new ExportedService(serviceOf(c, s), null, null,
                    List.of(new ServicePort("http", 80, Protocol.TCP, null)), addresses, Instant.EPOCH,
                    ExportedService.DEFAULT_WEIGHT, 0, null));
        }
        ClusterNetwork network = new ClusterNetwork("bench", "zone-" + (c % 3), NetworkKind.KUBE_OVN_OVERLAY,
                "az-" + c, List.of(Cidr.parse("10." + c + ".0.0/16")), List.of(Cidr.parse("172.16.0.0/16")),
                List.of(), List.of(), List.of("gw-" + c), List.of());
        return new ClusterInventory(id(c), 1, network, exports);
    }

    private static ServiceKey serviceOf(int c, int s) {
        return new ServiceKey("bench", "c" + c + "-s" + s);
    }

    private static String id(int c) {
        return "cluster-" + c;
    }

    // ---- measuring ----

    /** One export change: replaces the first endpoint of one of cluster {@code change % clusters}'s services. */
    private void measureChange(List<Agent> agents, int change, List<Double> deliveredAll, List<Double> deliveredEach)
            throws InterruptedException {
        Agent changed = agents.get(change % clusters);
        int s = (change / clusters) % services;
        String marker = "10." + (change % clusters) + ".255." + (change % 250 + 1);
        ServiceKey service = serviceOf(change % clusters, s);
        List<ExportedService> exports = new ArrayList<>(changed.inventory.exports());
        ExportedService export = exports.get(s);
        List<Endpoint> addresses = new ArrayList<>(export.endpoints());
        addresses.set(0, Endpoint.ready(marker));
        exports.set(s, new ExportedService(export.service(), export.type(), export.sessionAffinity(), export.ports(),
                addresses, export.exportedAt(), export.weight(), export.priority(), export.policy()));
        ClusterInventory next = new ClusterInventory(changed.id, changed.inventory.generation() + 1,
                changed.inventory.network(), exports);
        Expectation expectation = new Expectation(service, marker, agents.size());
        agents.forEach(a -> a.expect(expectation));
        long start = System.nanoTime();
        changed.client.putInventory(next);
        changed.inventory = next;
        if (!expectation.delivered.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("change " + change + " not delivered to every cluster within " + WAIT);
        }
        long last = 0;
        for (long arrival : expectation.arrivals) {
            deliveredEach.add((arrival - start) / 1e6);
            last = Math.max(last, arrival);
        }
        deliveredAll.add((last - start) / 1e6);
    }

    private void report(PrintWriter out, List<Double> all, List<Double> each, List<PlanningStats.Run> runs,
                        long hubHeap) {
        long services = (long) clusters * this.services;
        out.printf("export change -> every affected plan delivered (%d changes, all %d clusters each):%n",
                all.size(), clusters);
        out.printf("  last cluster:   p50 %8.1f ms   p99 %8.1f ms   max %8.1f ms%n", percentile(all, 50),
                percentile(all, 99), percentile(all, 100));
        out.printf("  any cluster:    p50 %8.1f ms   p99 %8.1f ms%n", percentile(each, 50), percentile(each, 99));
        List<Double> planning = runs.stream().map(r -> r.planning().toNanos() / 1e6).collect(Collectors.toList());
        List<Double> total = runs.stream().map(r -> r.total().toNanos() / 1e6).collect(Collectors.toList());
        out.printf("planning runs on the leader: %d (plans changed per run: %s)%n", runs.size(),
                runs.stream().mapToInt(PlanningStats.Run::changed).summaryStatistics());
        out.printf("  plan computation (FederationPlanner.replan): p50 %8.1f ms p99 %8.1f ms%n",
                percentile(planning, 50), percentile(planning, 99));
        List<Double> stamping = runs.stream().map(r -> r.stamping().toNanos() / 1e6).collect(Collectors.toList());
        List<Double> storing = runs.stream().map(r -> r.storing().toNanos() / 1e6).collect(Collectors.toList());
        out.printf("  diffing (what changed for each cluster):   p50 %8.1f ms   p99 %8.1f ms%n",
                percentile(stamping, 50), percentile(stamping, 99));
        out.printf("  storing (pieces, deltas, versions):        p50 %8.1f ms   p99 %8.1f ms%n",
                percentile(storing, 50), percentile(storing, 99));
        out.printf("  whole run (read inventories .. stored):    p50 %8.1f ms   p99 %8.1f ms%n",
                percentile(total, 50), percentile(total, 99));
        out.printf("hub heap: %d MiB for %d services = %.1f MiB per 10,000 services (%d member(s) in this JVM)%n",
                hubHeap / (1024 * 1024), services, hubHeap / (1024.0 * 1024) / (services / 10_000.0), members);
        out.flush();
    }

    private static double percentile(List<Double> values, double percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** What every cluster's plan must show after one change. */
    private static final class Expectation {
        final ServiceKey service;
        final String marker;
        final long[] arrivals;
        final boolean[] seen;
        final CountDownLatch delivered;

        Expectation(ServiceKey service, String marker, int watchers) {
            this.service = service;
            this.marker = marker;
            this.arrivals = new long[watchers];
            this.seen = new boolean[watchers];
            this.delivered = new CountDownLatch(watchers);
        }

        synchronized void check(int watcher, ClusterPlan plan, long now) {
            if (seen[watcher]) {
                return;
            }
            ServiceImport imported = importOf(plan, service);
            if (imported == null) {
                return;
            }
            for (ClusterEndpoints from : imported.clusters()) {
                for (Endpoint endpoint : from.endpoints()) {
                    if (endpoint.address().equals(marker)) {
                        seen[watcher] = true;
                        arrivals[watcher] = now;
                        delivered.countDown();
                        return;
                    }
                }
            }
        }
    }

    /** The import of {@code service}: plans come with imports sorted by service. */
    private static ServiceImport importOf(ClusterPlan plan, ServiceKey service) {
        List<ServiceImport> imports = plan.imports();
        int low = 0;
        int high = imports.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = imports.get(mid).service().compareTo(service);
            if (c == 0) {
                return imports.get(mid);
            }
            if (c < 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return null;
    }

    /** One simulated agent: its client, inventory, and watch. */
    private static final class Agent implements PlanListener {
        final int index;
        final String id;
        final HubClient client;
        ClusterInventory inventory;
        volatile ClusterPlan latest;
        volatile Expectation expectation;
        PlanWatch watch;

        private Agent(int index, HubClient client, ClusterInventory inventory) {
            this.index = index;
            this.id = inventory.clusterId();
            this.client = client;
            this.inventory = inventory;
        }

        static Agent join(int index, HubClient admin, List<URI> urls, Path root, ClusterInventory inventory,
                          io.fedgate.hubclient.ImportInterner interner) {
            String token = admin.createToken(inventory.clusterId(), Component.AGENT, null).token();
            HubClient bootstrap = HubClient.builder().hubs(urls)
                    .trustAnchors(io.fedgate.api.pki.PemFiles.parseCertificates(admin.ca().certificate(), "ca"))
                    .importInterner(interner).build();
            TlsMaterial material = bootstrap.join(token, SpiffeId.cluster("bench", inventory.clusterId(),
                    Component.AGENT), root.resolve("agents").resolve(inventory.clusterId()));
            return new Agent(index, bootstrap.withIdentity(material), inventory);
        }

        void watch() {
            watch = client.watchPlan(id, 0, this);
        }

        void expect(Expectation next) {
            expectation = next;
        }

        @Override
        public void onPlan(ClusterPlan plan, boolean resync) {
            latest = plan;
            Expectation current = expectation;
            if (current != null) {
                current.check(index, plan, System.nanoTime());
            }
        }

        void close() {
            if (watch != null) {
                watch.close();
            }
            client.close();
            latest = null;
        }
    }
}
