package io.fedgate.cli.bench;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.NetworkKind;
import io.fedgate.api.model.Protocol;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.net.Cidr;
import io.fedgate.api.pki.RotationPolicy;
import io.fedgate.api.topology.TopologyCluster;
import io.fedgate.cli.LogLevels;
import io.fedgate.cli.UserInputException;
import io.fedgate.cli.local.LocalCluster;
import io.fedgate.cli.local.LocalHub;
import io.fedgate.cli.local.McsView;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fedgate bench agent}: in this process, a real hub member, three simulated clusters (fabric8 mock API
 * servers in CRUD mode, Kube-OVN overlays reaching each other routed) and a real agent per cluster, joined with
 * tokens over mutual TLS, with the agents' production timings. Two kinds of change are timed and their writes counted:
 * <ol>
 *   <li>an export: a ServiceExport created in one cluster (its Service and endpoints already there), until both
 *       other clusters hold the import's EndpointSlice;</li>
 *   <li>a readiness change: one endpoint of an exported service turns unready or ready, until both other
 *       clusters' slices say so.</li>
 * </ol>
 * Writes are the write requests the three API servers received from the change until quiet (their request
 * logs); the baseline is how many objects (and MCS statuses) really changed between snapshots before and after,
 * the benchmark's own write included on both sides. Then a quiet period counts writes with nothing changing.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Benchmark the cluster agents: three simulated clusters with real agents and a real hub in "
                + "this process.",
            "Reports export-to-import and readiness-change convergence (p50, p99) and writes per change against "
                + "the objects that really changed."})
public final class BenchAgentCommand implements Callable<Integer> {
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofMillis(1500);
    private static final ServicePort HTTP = new ServicePort("http", 8080, Protocol.TCP, null);
    private static final String NAMESPACE = "bench";

    @Spec
    CommandSpec spec;

    @Option(names = "--changes", defaultValue = "50", paramLabel = "N",
            description = "Exports and readiness changes timed, each (default: ${DEFAULT-VALUE}).")
    int changes;

    @Option(names = "--warmup", defaultValue = "5", paramLabel = "N",
            description = "Exports made before timing starts (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--log-level", defaultValue = "warn", paramLabel = "LEVEL",
            description = "Log level of fedgate's loggers while benchmarking (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where the hub and agents keep their data (default: a temporary directory).")
    Path workDir;

    private final List<LocalCluster> clusters = new ArrayList<>();
    private int exported;

    @Override
    public Integer call() throws Exception {
        if (changes < 1 || changes > 1000 || warmup < 0 || warmup > 1000) {
            throw new UserInputException("--changes must be 1..1000 and --warmup 0..1000 (changes " + changes
                    + ", warmup " + warmup + ")");
        }
        LogLevels.require(logLevel);
        LogLevels.apply(logLevel);
        PrintWriter out = spec.commandLine().getOut();
        Path root = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("fedgate-bench-agent");
        out.printf("fedgate bench agent: 3 clusters (mock API servers) with real agents, 1 in-process hub member; "
                + "%d exports after %d warm-up, %d readiness changes (%s)%n", changes, warmup, changes, root);
        out.flush();
        try (LocalHub hub = LocalHub.start(LocalHub.Settings.of("bench"), root)) {
            startClusters(hub, root);
            try (SliceArrivals arrivals = new SliceArrivals(clusters)) {
                Measure warm = new Measure();
                for (int i = 0; i < warmup; i++) {
                    export(arrivals, warm);
                }
                Measure exports = new Measure();
                for (int i = 0; i < changes; i++) {
                    export(arrivals, exports);
                }
                Measure readiness = new Measure();
                for (int i = 0; i < changes; i++) {
                    readinessChange(arrivals, readiness, i);
                }
                report(out, exports, readiness, quietWrites());
            }
            return 0;
        } finally {
            clusters.forEach(LocalCluster::close);
        }
    }

    private void startClusters(LocalHub hub, Path root) throws InterruptedException {
        for (int i = 1; i <= 3; i++) {
            clusters.add(new LocalCluster(cluster("c" + i, 15 + i), List.of("127.0.0." + i),
                    root.resolve("certs").resolve("c" + i)));
        }
        for (LocalCluster cluster : clusters) {
            cluster.seed().namespace(NAMESPACE);
            cluster.startAgent(cluster.agentConfig(), hub.urls(), hub, RotationPolicy.DEFAULT,
                    AvailabilityZoneProgrammer.NONE);
        }
        long deadline = System.nanoTime() + CHANGE_TIMEOUT.toNanos();
        while (!clusters.stream().allMatch(c -> c.agent().health().ready() && c.agent().hubConnected())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the agents did not connect to the hub within " + CHANGE_TIMEOUT);
            }
            Thread.sleep(20);
        }
    }

    /**
     * A Kube-OVN overlay with its own pod range: the clusters reach each other routed, so every consumer's slices
     * carry the exporter's endpoints and their readiness (a gateway-path slice lists the consumer's gateways).
     */
    private static TopologyCluster cluster(String id, int octet) {
        return new TopologyCluster(id, "region-" + id, "zone-" + id, NetworkKind.KUBE_OVN_OVERLAY, "az-" + id,
                List.of(Cidr.parse("10." + octet + ".0.0/16")), List.of(Cidr.parse("10." + (80 + octet) + ".0.0/16")),
                List.of(Cidr.parse("100." + (48 + octet) + ".0.0/16")), List.of(), 1, List.of(id + "-node-1"));
    }

    /** One export from the next cluster in turn, timed until both other clusters hold its slice. */
    private void export(SliceArrivals arrivals, Measure measure) throws InterruptedException {
        int n = exported++;
        int from = n % clusters.size();
        LocalCluster exporter = clusters.get(from);
        ServiceKey key = service(n);
        exporter.seed().service(key, ImportType.CLUSTER_SET_IP, List.of(HTTP),
                exporter.topology().serviceCidrs().get(0).host(n + 10).addressText());
        exporter.seed().endpoints(key, List.of(HTTP), Map.of(address(exporter, n, 1), true, address(exporter, n, 2), true));
        awaitQuiet();
        List<ManagedObjects> before = snapshot();
        SliceArrivals.Expectation expectation = arrivals.expect(slice(key, exporter.id(), s -> true), from);
        long start = System.nanoTime();
        exporter.seed().export(key, Map.of());
        measure.add(start, expectation.awaitLast(CHANGE_TIMEOUT.toMillis()), "export of " + key);
        measure.count(awaitQuiet(), changedSince(before));
    }

    /** Endpoint 2 of an exported service turns unready (even changes) or ready again (odd ones). */
    private void readinessChange(SliceArrivals arrivals, Measure measure, int change) throws InterruptedException {
        int n = warmup + (change / 2) % changes;
        int from = n % clusters.size();
        LocalCluster exporter = clusters.get(from);
        ServiceKey key = service(n);
        boolean ready = change % 2 == 1;
        String flipped = address(exporter, n, 2);
        awaitQuiet();
        List<ManagedObjects> before = snapshot();
        SliceArrivals.Expectation expectation = arrivals.expect(slice(key, exporter.id(), s ->
                s.getEndpoints().stream().anyMatch(e -> e.getAddresses().contains(flipped)
                        && Boolean.valueOf(ready).equals(e.getConditions().getReady()))), from);
        long start = System.nanoTime();
        exporter.seed().endpoints(key, List.of(HTTP), Map.of(address(exporter, n, 1), true, flipped, ready));
        measure.add(start, expectation.awaitLast(CHANGE_TIMEOUT.toMillis()), "readiness change of " + key);
        measure.count(awaitQuiet(), changedSince(before));
    }

    private static Predicate<EndpointSlice> slice(ServiceKey key, String source, Predicate<EndpointSlice> content) {
        return s -> key.name().equals(s.getMetadata().getLabels().get(McsView.SERVICE_NAME_LABEL))
                && source.equals(s.getMetadata().getLabels().get(McsView.SOURCE_CLUSTER_LABEL)) && content.test(s);
    }

    private static ServiceKey service(int n) {
        return new ServiceKey(NAMESPACE, "svc-" + n);
    }

    private static String address(LocalCluster cluster, int service, int endpoint) {
        return cluster.topology().podCidrs().get(0).host(256L * (service + 1) + endpoint).addressText();
    }

    private List<ManagedObjects> snapshot() {
        return clusters.stream().map(c -> ManagedObjects.of(c.client())).toList();
    }

    private int changedSince(List<ManagedObjects> before) {
        int changed = 0;
        for (int i = 0; i < clusters.size(); i++) {
            changed += ManagedObjects.of(clusters.get(i).client()).changedSince(before.get(i));
        }
        return changed;
    }

    /**
     * Waits until no API server received a write for {@link #QUIET}; returns the writes seen meanwhile (the
     * benchmark's own included).
     */
    private int awaitQuiet() throws InterruptedException {
        int writes = takeWrites();
        long deadline = System.nanoTime() + CHANGE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(QUIET.toMillis());
            int more = takeWrites();
            if (more == 0) {
                return writes;
            }
            writes += more;
        }
        // writes that never stop are what this benchmark exists to catch: say so instead of running forever
        throw new IllegalStateException("the API servers still received writes " + CHANGE_TIMEOUT.toSeconds()
                + " s after a change (" + writes + " so far)");
    }

    private int takeWrites() {
        return clusters.stream().mapToInt(c -> c.api().takeWrites().size()).sum();
    }

    /** Writes while nothing changes, over twice the quiet window. */
    private int quietWrites() throws InterruptedException {
        awaitQuiet();
        Thread.sleep(QUIET.toMillis() * 2);
        return takeWrites();
    }

    private static void report(PrintWriter out, Measure exports, Measure readiness, int quiet) {
        out.printf("export -> ServiceImport + EndpointSlice in both other clusters (%d exports):%n",
                exports.times.size());
        out.printf("  p50 %7.1f ms   p99 %7.1f ms   max %7.1f ms%n", exports.percentile(50), exports.percentile(99),
                exports.percentile(100));
        out.printf("readiness change -> EndpointSlices in both other clusters (%d changes):%n", readiness.times.size());
        out.printf("  p50 %7.1f ms   p99 %7.1f ms   max %7.1f ms%n", readiness.percentile(50),
                readiness.percentile(99), readiness.percentile(100));
        out.printf("writes to the three API servers vs objects (and MCS statuses) that really changed, the "
                + "benchmark's own write included:%n");
        out.printf("  per export:           %5.2f writes / %5.2f changed = %.2f%n", exports.writesPerChange(),
                exports.changedPerChange(), exports.writesPerChange() / exports.changedPerChange());
        out.printf("  per readiness change: %5.2f writes / %5.2f changed = %.2f%n", readiness.writesPerChange(),
                readiness.changedPerChange(), readiness.writesPerChange() / readiness.changedPerChange());
        out.printf("quiet: %d writes in %d ms with nothing changing%n", quiet, QUIET.toMillis() * 2);
        out.flush();
    }

    /** Times and write counts of one kind of change. */
    private static final class Measure {
        final List<Double> times = new ArrayList<>();
        long writes;
        long changed;
        int counted;

        void add(long start, long end, String what) {
            if (end < 0) {
                throw new IllegalStateException(what + " did not reach every other cluster within " + CHANGE_TIMEOUT);
            }
            times.add((end - start) / 1e6);
        }

        void count(int changeWrites, int changedObjects) {
            writes += changeWrites;
            changed += changedObjects;
            counted++;
        }

        double writesPerChange() {
            return writes / (double) counted;
        }

        double changedPerChange() {
            return changed / (double) counted;
        }

        double percentile(double percentile) {
            List<Double> sorted = new ArrayList<>(times);
            Collections.sort(sorted);
            int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
        }
    }
}
