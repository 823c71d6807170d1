package io.fedgate.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fedgate.api.codec.WireNames;
import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.GatewayListenerPorts.Listener;
import io.fedgate.api.model.GatewayListenerPorts.RemoteEndpoint;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.LoadBalancing;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.net.Cidr;
import io.fedgate.api.topology.Topology;
import io.fedgate.api.topology.TopologyCluster;
import io.fedgate.api.topology.TopologyExporter;
import io.fedgate.api.topology.TopologyService;
import io.fedgate.gateway.GatewayServer;
import io.fedgate.gateway.GatewayTuning;
import io.fedgate.cli.local.ClusterSeed;
import io.fedgate.cli.local.LocalHub;
import io.fedgate.hubclient.HubClient;
import io.fedgate.hubclient.HubClientException;
import io.fedgate.hubclient.protocol.ClusterSummary;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running demo federation: one in-process hub member, a {@link SimulatedCluster} per topology cluster, and a
 * {@link ClientLoad} per (consuming cluster, imported service). {@link #status()} takes a {@link DemoStatus};
 * {@link #kill} and {@link #revive} are the chaos steps. {@link #close()} stops everything in reverse order.
 */
final class DemoFederation implements AutoCloseable {
    /** The window of the traffic split. */
    static final long SPLIT_WINDOW_MILLIS = 5000;
    /** A cluster that answered nothing in this window while others did has lost its traffic. */
    static final long FAILOVER_WINDOW_MILLIS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(DemoFederation.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final long CLIENT_PAUSE_MILLIS = 40;

    private final Topology topology;
    private final Path workDir;
    private final long startedAt = System.currentTimeMillis();
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, SimulatedCluster> clusters = new LinkedHashMap<>();
    private final List<ClientLoad> loads = new ArrayList<>();
    private final Map<String, ClusterPlan> plans = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> servingBefore = new ConcurrentHashMap<>();
    private final List<String> events = new ArrayList<>();
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final ExecutorService backendWorkers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "demo-backend-worker");
        t.setDaemon(true);
        return t;
    });
    private final GatewayTuning tuning = GatewayTuning.DEFAULT.withDrainTimeout(Duration.ofSeconds(1))
            .withHoldDown(Duration.ofSeconds(3)).withEventLoopThreads(1);
    private final Duration heartbeat;
    private LocalHub hub;
    private HubClient admin;
    private List<URI> hubUrls;
    private List<String> ovn = List.of();

    private DemoFederation(Topology topology, Path workDir, Duration lease) {
        this.topology = topology;
        this.workDir = workDir;
        this.heartbeat = lease.dividedBy(3);
    }

    /** Starts the hub, the simulated clusters with their agents, gateways and backends, and the client load. */
    static DemoFederation start(Topology topology, Path workDir, Duration lease) {
        DemoFederation federation = new DemoFederation(topology, workDir, lease);
        try {
            federation.startHub(lease);
            federation.startClusters();
            federation.startLoads();
            return federation;
        } catch (RuntimeException | IOException e) {
            federation.close();
            throw e instanceof DemoException d ? d : new DemoException("demo start failed: " + e.getMessage(), e);
        }
    }

    // ---- start-up steps ----

    private void startHub(Duration lease) throws IOException {
        // tokens are made through the hub's admin API on first demand, as an operator would
        hub = LocalHub.start(LocalHub.Settings.of(topology.clusterSet()).withLease(lease), workDir);
        started.add(hub);
        hubUrls = hub.urls();
        admin = hub.admin();
        event("hub started: cluster set " + topology.clusterSet() + ", API " + hubUrls.get(0) + " (mTLS), lease "
                + lease.toSeconds() + " s");
    }

    private void startClusters() {
        int index = 1;
        for (TopologyCluster c : topology.clusters()) {
            SimulatedCluster cluster = new SimulatedCluster(c, index++, workDir.resolve("certs"));
            clusters.put(c.id(), cluster);
            started.add(cluster);
        }
        Map<String, Integer> nextIp = new TreeMap<>();
        // file order is export order: the first exporter's definition wins an MCS conflict
        for (TopologyService service : topology.services()) {
            for (TopologyExporter exporter : service.exportedFrom()) {
                SimulatedCluster cluster = clusters.get(exporter.cluster());
                int host = nextIp.merge(exporter.cluster(), 1, Integer::sum) + 9;
                cluster.export(new ClusterSeed.SeededService(service.key(), service.type(), service.ports(),
                        service.policy(), clusterIp(cluster.topology(), host)), exporter.weight(), exporter.priority(),
                        exporter.endpoints());
            }
        }
        for (SimulatedCluster cluster : clusters.values()) {
            cluster.start(hubUrls, hub, backendWorkers, tuning, heartbeat);
            event("cluster " + cluster.id() + " (simulated Kubernetes API " + cluster.apiUrl() + "): agent joined, "
                    + SimulatedCluster.GATEWAYS + " gateways on " + cluster.gatewayAddresses());
        }
    }

    private static String clusterIp(TopologyCluster cluster, int host) {
        return cluster.serviceCidrs().stream().filter(c -> !c.isIpv6()).findFirst().map(c -> c.host(host).addressText())
                .orElse("None");
    }

    private void startLoads() {
        for (TopologyService service : topology.services()) {
            ServicePort port = service.ports().get(0);
            for (String consumer : service.consumers()) {
                loads.add(new ClientLoad(consumer, service.key().toString(),
                        () -> target(consumer, service.key(), port), CLIENT_PAUSE_MILLIS));
            }
        }
    }

    /**
     * Where a client in {@code consumer} connects for {@code service}. A ClusterSetIP import on the gateway path:
     * one of the consumer's gateway listeners (what the derived Service's endpoints are). Otherwise an endpoint of
     * the healthy clusters, picked by the policy's shares as the demo's stand-in for DNS and kube-proxy: the pod
     * itself on the routed and direct paths; on the gateway path (a headless import) the consumer gateway's
     * listener for that remote endpoint, which its per-endpoint Service leads to.
     */
    private Optional<InetSocketAddress> target(String consumer, ServiceKey service, ServicePort port) {
        ClusterPlan plan = plans.get(consumer);
        ServiceImport imported = plan == null ? null : plan.importOf(service);
        SimulatedCluster local = clusters.get(consumer);
        if (imported == null || local == null || !local.running()) {
            return Optional.empty();
        }
        List<GatewayServer> gateways = local.gateways();
        GatewayServer gateway = gateways.isEmpty() ? null
                : gateways.get(Math.floorMod(roundRobin.getAndIncrement(), gateways.size()));
        if (imported.type() != ImportType.HEADLESS && imported.needsGateway()) {
            return gateway == null ? Optional.empty() : gateway.listenerAddress(service, port.port());
        }
        Map<String, Double> shares = expectedShares(imported);
        double pick = ThreadLocalRandom.current().nextDouble();
        for (ClusterEndpoints c : imported.clusters()) {
            double share = shares.getOrDefault(c.clusterId(), 0.0);
            if (pick < share && !c.endpoints().isEmpty()) {
                Endpoint e = c.endpoints().get(ThreadLocalRandom.current().nextInt(c.endpoints().size()));
                if (c.path() == DataPath.GATEWAY) {
                    return gateway == null ? Optional.empty() : gateway.listenerAddress(
                            new Listener(service, port.port(), RemoteEndpoint.of(c.clusterId(), e)));
                }
                int targetPort = e.targetPorts().getOrDefault(port.name() == null ? "" + port.port() : port.name(),
                        port.port());
                return Optional.of(new InetSocketAddress(e.address(), targetPort));
            }
            pick -= share;
        }
        return Optional.empty();
    }

    /** The share of new connections each cluster of {@code imported} should get under its policy. */
    static Map<String, Double> expectedShares(ServiceImport imported) {
        List<ClusterEndpoints> healthy = imported.clusters().stream()
                .filter(c -> c.healthy() && c.endpoints().stream().anyMatch(Endpoint::ready)).toList();
        Map<String, Double> shares = new TreeMap<>();
        if (healthy.isEmpty()) {
            return shares;
        }
        if (imported.policy().loadBalancing() == LoadBalancing.PRIORITY_FAILOVER) {
            List<String> order = imported.policy().failoverOrder();
            ClusterEndpoints first = healthy.stream().min((a, b) -> {
                int byPriority = Integer.compare(a.priority(), b.priority());
                if (byPriority != 0) {
                    return byPriority;
                }
                int ia = order.indexOf(a.clusterId());
                int ib = order.indexOf(b.clusterId());
                return Integer.compare(ia < 0 ? Integer.MAX_VALUE : ia, ib < 0 ? Integer.MAX_VALUE : ib);
            }).orElseThrow();
            shares.put(first.clusterId(), 1.0);
            return shares;
        }
        int best = healthy.stream().mapToInt(ClusterEndpoints::priority).min().orElse(0);
        List<ClusterEndpoints> group = healthy.stream().filter(c -> c.priority() == best).toList();
        double total = group.stream().mapToInt(ClusterEndpoints::weight).sum();
        for (ClusterEndpoints c : group) {
            shares.put(c.clusterId(), total == 0 ? 1.0 / group.size() : c.weight() / total);
        }
        return shares;
    }

    /** The simulated clusters, in topology order. */
    List<SimulatedCluster> clusters() {
        return List.copyOf(clusters.values());
    }

    // ---- chaos ----

    /** Kills cluster {@code id}'s workload: its gateways, backends and agent (its lease then expires). */
    void kill(String id) {
        clusters.get(id).stop();
        event("CHAOS: cluster " + id + " killed (gateways, backends and agent stopped; its lease will expire)");
    }

    /** Starts cluster {@code id}'s workload again. */
    void revive(String id) {
        clusters.get(id).start(hubUrls, hub, backendWorkers, tuning, heartbeat);
        event("CHAOS: cluster " + id + " is back (agent re-registers with its certificate, gateways re-dial)");
    }

    /** The exporting cluster {@code --chaos} kills: the one with the largest weight of the first gateway-path import. */
    String chaosVictim() {
        for (TopologyService service : topology.services()) {
            if (!service.consumers().isEmpty() && service.exportedFrom().size() > 1) {
                return service.exportedFrom().stream().max((a, b) -> Integer.compare(a.weight(), b.weight()))
                        .orElseThrow().cluster();
            }
        }
        throw new DemoException("the topology has no service exported by two clusters and consumed by a third: "
                + "nothing to fail over in --chaos");
    }

    /** A plan of some cluster, for the cluster-set-wide interconnect plan; null before the first. */
    ClusterPlan anyPlan() {
        if (plans.isEmpty()) {
            status();
        }
        return plans.values().stream().findFirst().orElse(null);
    }

    void ovnStatus(List<String> lines) {
        ovn = List.copyOf(lines);
    }

    // ---- status ----

    /** Refreshes the plans and takes the current status; also records failovers seen since the last call. */
    synchronized DemoStatus status() {
        Map<String, ClusterSummary> summaries = new TreeMap<>();
        try {
            admin.clusters().forEach(s -> summaries.put(s.clusterId(), s));
            for (String id : clusters.keySet()) {
                admin.plan(id).ifPresent(p -> plans.put(id, p));
            }
        } catch (HubClientException e) {
            LOG.warn("demo: hub status not available: {}", e.getMessage());
        }
        long now = System.currentTimeMillis();
        List<DemoStatus.ClusterRow> clusterRows = new ArrayList<>();
        for (SimulatedCluster c : clusters.values()) {
            ClusterSummary s = summaries.get(c.id());
            clusterRows.add(new DemoStatus.ClusterRow(c.id(), c.topology().region(),
                    WireNames.of(c.topology().network()), c.running(), s != null && s.live(),
                    s == null ? 0 : s.planVersion(), s == null ? 0 : s.exports(), c.gateways().size()));
        }
        List<DemoStatus.ImportRow> importRows = new ArrayList<>();
        for (ClientLoad load : loads) {
            ClusterPlan plan = plans.get(load.consumer());
            ServiceImport imported = plan == null ? null : plan.importOf(ServiceKey.parse(load.service()));
            Map<String, String> paths = new TreeMap<>();
            String policy = "-";
            Map<String, Double> expected = Map.of();
            if (imported != null) {
                policy = WireNames.of(imported.policy().loadBalancing());
                for (ClusterEndpoints c : imported.clusters()) {
                    paths.put(c.clusterId(), WireNames.of(c.path()) + (c.healthy() ? "" : "(down)") + " w" + c.weight() + " p" + c.priority());
                }
                expected = expectedShares(imported);
            }
            Map<String, Long> split = load.window(now, SPLIT_WINDOW_MILLIS);
            importRows.add(new DemoStatus.ImportRow(load.consumer(), load.service(), policy, paths, split,
                    load.totals(), load.failures(), expected));
            failovers(load, now);
        }
        return new DemoStatus((now - startedAt) / 1000, clusterRows, tunnels(), importRows, List.copyOf(events), ovn);
    }

    private void failovers(ClientLoad load, long now) {
        Set<String> serving = new TreeSet<>(load.window(now, FAILOVER_WINDOW_MILLIS).keySet());
        serving.remove("");
        String key = load.consumer() + " " + load.service();
        Set<String> before = servingBefore.put(key, serving);
        if (before == null || before.isEmpty() || serving.isEmpty()) {
            return;
        }
        for (String gone : before) {
            if (!serving.contains(gone)) {
                event("FAILOVER: " + load.service() + " from " + load.consumer() + ": " + gone
                        + " no longer serves; traffic now goes to " + serving);
            }
        }
        for (String back : serving) {
            if (!before.contains(back)) {
                event("RETURN: " + load.service() + " from " + load.consumer() + ": " + back + " serves again");
            }
        }
    }

    private List<DemoStatus.TunnelRow> tunnels() {
        Map<String, int[]> upTotal = new TreeMap<>();
        Map<String, double[]> rtt = new TreeMap<>();
        for (SimulatedCluster c : clusters.values()) {
            for (GatewayServer gateway : c.gateways()) {
                String metrics = gateway.scrapeMetrics();
                for (PrometheusText.Sample s : PrometheusText.samples(metrics, "fedgate_tunnel_up")) {
                    String pair = c.id() + " " + s.labels().get("peer_cluster");
                    int[] counts = upTotal.computeIfAbsent(pair, k -> new int[2]);
                    counts[0] += s.value() >= 1 ? 1 : 0;
                    counts[1]++;
                }
                List<PrometheusText.Sample> sums = PrometheusText.samples(metrics, "fedgate_tunnel_rtt_seconds_sum");
                List<PrometheusText.Sample> counts = PrometheusText.samples(metrics, "fedgate_tunnel_rtt_seconds_count");
                for (int i = 0; i < Math.min(sums.size(), counts.size()); i++) {
                    String pair = c.id() + " " + sums.get(i).labels().get("peer_cluster");
                    double[] acc = rtt.computeIfAbsent(pair, k -> new double[2]);
                    acc[0] += sums.get(i).value();
                    acc[1] += counts.get(i).value();
                }
            }
        }
        List<DemoStatus.TunnelRow> rows = new ArrayList<>();
        upTotal.forEach((pair, counts) -> {
            String[] ends = pair.split(" ");
            double[] acc = rtt.getOrDefault(pair, new double[2]);
            rows.add(new DemoStatus.TunnelRow(ends[0], ends[1], counts[0], counts[1],
                    acc[1] == 0 ? 0 : 1000 * acc[0] / acc[1]));
        });
        return rows;
    }

    private synchronized void event(String text) {
        String line = LocalTime.now().format(TIME) + " " + text;
        events.add(line);
        LOG.debug("demo: {}", line);
    }

    /** The status as JSON, for the status page. */
    static byte[] json(DemoStatus status) {
        try {
            return new ObjectMapper().writeValueAsBytes(status);
        } catch (IOException e) {
            throw new DemoException("cannot encode the status: " + e.getMessage(), e);
        }
    }

    // ---- metrics endpoints ----

    /**
     * Writes a Prometheus file-SD targets file listing every component's /metrics endpoint (hub, agents,
     * gateways), replacing it atomically (Prometheus re-reads it when it changes).
     */
    void writePrometheusTargets(Path file) {
        List<Map<String, Object>> groups = new ArrayList<>();
        groups.add(group("127.0.0.1:" + hub.managementPort(), "fedgate-hub", "hub"));
        for (SimulatedCluster c : clusters.values()) {
            int agentPort = c.agentMetricsPort();
            if (agentPort > 0) {
                groups.add(group("127.0.0.1:" + agentPort, "fedgate-agent", c.id()));
            }
            for (GatewayServer g : c.gateways()) {
                groups.add(group("127.0.0.1:" + g.adminAddress().getPort(), "fedgate-gateway", c.id()));
            }
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(groups));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("demo: cannot write the Prometheus targets file {}: {}", file, e.getMessage());
        }
    }

    private static Map<String, Object> group(String target, String job, String cluster) {
        return Map.of("targets", List.of(target), "labels", Map.of("job", job, "fedgate_cluster", cluster));
    }

    // ---- shutdown ----

    @Override
    public void close() {
        for (ClientLoad load : loads) {
            try {
                load.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn("demo: closing {} failed: {}", started.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
        backendWorkers.shutdownNow();
        try {
            backendWorkers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
