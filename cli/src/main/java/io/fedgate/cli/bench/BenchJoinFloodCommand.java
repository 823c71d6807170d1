package io.fedgate.cli.bench;

import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.cli.Fedgate;
import io.fedgate.hub.HubConfig;
import io.fedgate.hubclient.HubClient;
import io.fedgate.hubclient.HubTls;
import io.fedgate.hubclient.protocol.HubApi;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fedgate bench join-flood}: floods a real hub member (its own process, {@code fedgate hub}, default
 * join bounds, on loopback) with anonymous joins, while an admin probes {@code GET /v1/clusters} over mutual
 * TLS. The flood: {@code --bodies} parallel joins of {@code --body-mib} MiB each (HTTP/1.1, half with a
 * Content-Length, half chunked, each client reading the answer while it sends), and {@code --bad-tokens} joins with a token that was never issued, from
 * {@code --senders} threads. Reported: the answers by status, the hub's resident memory before and at its
 * peak (VmRSS, VmHWM of /proc), the probe's p50/p99 idle and under the flood, the audit records the flood
 * added; and the thresholds as pass/fail (growth at most 256 MiB, probe p99 at most 200 ms, refusals
 * only 401/413/429/503).
 */
@Command(name = "join-flood", mixinStandardHelpOptions = true,
        description = {"Flood a local hub member (a process of its own) with anonymous joins, large bodies and bad "
                + "tokens, and report its memory growth, the answers and an authenticated probe's latency."})
public final class BenchJoinFloodCommand implements Callable<Integer> {
    private static final long MIB = 1024 * 1024;
    private static final long MAX_GROWTH_MIB = 256;
    private static final double MAX_PROBE_P99_MS = 200;
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final String BAD_TOKEN = "{\"token\":\"fgt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"csr\":\"x\"}";

    @Spec
    CommandSpec spec;

    @Option(names = "--bodies", defaultValue = "100", description = "Parallel large join bodies (default: ${DEFAULT-VALUE}).")
    int bodies;

    @Option(names = "--body-mib", defaultValue = "15", description = "Size of each large body in MiB (default: ${DEFAULT-VALUE}).")
    int bodyMib;

    @Option(names = "--bad-tokens", defaultValue = "10000", description = "Joins with a bad token (default: ${DEFAULT-VALUE}).")
    int badTokens;

    @Option(names = "--senders", defaultValue = "32", description = "Threads sending the bad tokens (default: ${DEFAULT-VALUE}).")
    int senders;

    @Option(names = "--probe-interval", defaultValue = "20ms", description = "Pause between probes (default: ${DEFAULT-VALUE}).")
    String probeInterval;

    @Option(names = "--audit-wait", defaultValue = "62s",
            description = "Wait after the flood for the aggregated audit records (default: ${DEFAULT-VALUE}: the "
                    + "default join.refusalAuditInterval and a margin).")
    String auditWait;

    @Option(names = "--hub-heap", defaultValue = "1g", description = "-Xmx of the hub process (default: ${DEFAULT-VALUE}).")
    String hubHeap;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Duration pause = io.fedgate.hubclient.GoDuration.parse(probeInterval);
        Path dir = Files.createTempDirectory("fedgate-bench-join-flood-");
        int apiPort = freePort();
        int managementPort = freePort();
        Process hub = startHub(dir, apiPort, managementPort);
        try (HubClient admin = awaitReady(hub, dir, apiPort, managementPort)) {
            URI join = URI.create("https://127.0.0.1:" + apiPort + HubApi.join());
            List<X509Certificate> anchors = TlsMaterial.load(dir.resolve("data").resolve("admin")).trustAnchors();
            out.printf("join-flood: hub pid %d (-Xmx%s, default join bounds: %s)%n", hub.pid(), hubHeap,
                    HubConfig.Join.DEFAULTS);
            long auditBefore = auditRecords(admin);
            LongAdder idleFailures = new LongAdder();
            LongAdder floodFailures = new LongAdder();
            double[] idle = probe(admin, pause, 200, new AtomicBoolean(true), idleFailures);
            long rssBefore = procStatus(hub.pid(), "VmRSS");

            Map<String, LongAdder> answers = new ConcurrentHashMap<>();
            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicLong peakRss = new AtomicLong(rssBefore);
            ExecutorService pool = Executors.newCachedThreadPool();
            CompletableFuture<double[]> underFlood = CompletableFuture.supplyAsync(
                    () -> probe(admin, pause, Integer.MAX_VALUE, flooding, floodFailures), pool);
            CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> sampleRss(hub, flooding, peakRss), pool);
            Duration cpuBefore = cpu(hub);
            long start = System.nanoTime();
            LongAdder sentBytes = new LongAdder();
            CompletableFuture<Void> large = largeBodies(anchors, apiPort, answers, sentBytes);
            CompletableFuture<Void> tokens = CompletableFuture.runAsync(() -> badTokens(anchors, join, answers), pool);
            CompletableFuture.allOf(large, tokens).get(15, TimeUnit.MINUTES);
            double floodSeconds = (System.nanoTime() - start) / 1e9;
            Duration hubCpu = cpu(hub).minus(cpuBefore);
            String serverSide = serverResponseTimeMax(managementPort);
            flooding.set(false);
            double[] flood = underFlood.get(1, TimeUnit.MINUTES);
            sampler.get(1, TimeUnit.MINUTES);
            pool.shutdown();
            long peak = Math.max(peakRss.get(), procStatus(hub.pid(), "VmHWM"));
            Thread.sleep(io.fedgate.hubclient.GoDuration.parse(auditWait).toMillis());
            long auditAdded = auditRecords(admin) - auditBefore;

            report(out, answers, floodSeconds, rssBefore, peak, idle, flood, auditAdded);
            out.printf("probes failed: %d idle, %d under flood; hub CPU during the flood %.1f s; load average of this "
                    + "machine (%d cores): %s%n", idleFailures.sum(), floodFailures.sum(), hubCpu.toMillis() / 1000.0,
                    Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim());
            out.printf("hub-side GET response time max (Vert.x metrics, probes and management scrapes): %s%n",
                    serverSide);
            out.printf("large bodies: %d MiB sent by the clients before their answers came (of %d MiB offered)%n",
                    sentBytes.sum() / MIB, bodies * (long) bodyMib);
            boolean pass = (peak - rssBefore) / MIB <= MAX_GROWTH_MIB
                    && BenchLoad.percentile(flood, 0.99) <= MAX_PROBE_P99_MS
                    && answers.keySet().stream().allMatch(k -> List.of("401", "413", "429", "503").contains(k));
            out.println(pass ? "PASS" : "FAIL");
            out.flush();
            return pass ? 0 : 1;
        } finally {
            hub.destroy();
            if (!hub.waitFor(30, TimeUnit.SECONDS)) {
                hub.destroyForcibly();
            }
        }
    }

    private void report(PrintWriter out, Map<String, LongAdder> answers, double seconds, long rssBefore, long peak,
                        double[] idle, double[] flood, long auditAdded) {
        Map<String, Long> sorted = new TreeMap<>();
        answers.forEach((status, n) -> sorted.put(status, n.sum()));
        long total = sorted.values().stream().mapToLong(Long::longValue).sum();
        out.printf("flood: %d x %d MiB bodies + %d bad tokens in %.1f s; answers %s%n", bodies, bodyMib, badTokens,
                seconds, sorted);
        out.printf("hub RSS: %d MiB before, %d MiB peak: growth %d MiB (limit %d MiB: %s)%n", rssBefore / MIB,
                peak / MIB, (peak - rssBefore) / MIB, MAX_GROWTH_MIB,
                (peak - rssBefore) / MIB <= MAX_GROWTH_MIB ? "pass" : "FAIL");
        double idleP99 = BenchLoad.percentile(idle, 0.99);
        double floodP99 = BenchLoad.percentile(flood, 0.99);
        out.printf("admin probe GET /v1/clusters: idle p50 %.1f ms p99 %.1f ms (%d); under flood p50 %.1f ms "
                        + "p99 %.1f ms max %.1f ms (%d); p99 ratio %.2f (limit %.0f ms: %s)%n",
                BenchLoad.percentile(idle, 0.5), idleP99, idle.length, BenchLoad.percentile(flood, 0.5), floodP99,
                BenchLoad.percentile(flood, 1.0), flood.length, floodP99 / idleP99, MAX_PROBE_P99_MS,
                floodP99 <= MAX_PROBE_P99_MS ? "pass" : "FAIL");
        out.printf("audit records added by %d refusals: %d%n", total, auditAdded);
    }

    /**
     * The large bodies, all at once, each on a connection of its own (HTTP/1.1, no client certificate), half
     * with a Content-Length and half chunked: a writer streams the body while the answer is read, as curl or
     * a browser do; the writer stops when the answer came. {@code sentBytes} adds up what the writers sent.
     */
    private CompletableFuture<Void> largeBodies(List<X509Certificate> anchors, int port, Map<String, LongAdder> answers,
                                                LongAdder sentBytes) {
        SSLSocketFactory sockets = HubTls.sslContext(null, anchors).getSocketFactory();
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, 2 * bodies));
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < bodies; i++) {
            boolean chunked = i % 2 == 1;
            sent.add(CompletableFuture.runAsync(() -> count(answers, largeBody(sockets, port, chunked, threads,
                    sentBytes)), threads));
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> threads.shutdown());
    }

    private String largeBody(SSLSocketFactory sockets, int port, boolean chunked, ExecutorService threads,
                             LongAdder sentBytes) {
        long size = bodyMib * MIB;
        try (SSLSocket socket = (SSLSocket) sockets.createSocket(InetAddress.getLoopbackAddress(), port)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + HubApi.join() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + size) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            AtomicBoolean answered = new AtomicBoolean();
            threads.execute(() -> writeBody(out, size, chunked, answered, sentBytes));
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            answered.set(true);
            return status.startsWith("HTTP/1.1 ") ? status.substring(9, 12) : "no answer";
        } catch (IOException e) {
            return "error " + e.getClass().getSimpleName();
        }
    }

    private static void writeBody(OutputStream out, long size, boolean chunked, AtomicBoolean answered,
                                  LongAdder sentBytes) {
        byte[] piece = new byte[64 * 1024];
        byte[] chunkHead = (Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        try {
            for (long sent = 0; sent < size && !answered.get(); sent += piece.length) {
                if (chunked) {
                    out.write(chunkHead);
                }
                out.write(piece);
                if (chunked) {
                    out.write(CRLF);
                }
                sentBytes.add(piece.length);
            }
            out.flush();
        } catch (IOException e) {
            // the hub closed the connection after its answer: the rest is not sent
        }
    }

    private void badTokens(List<X509Certificate> anchors, URI join, Map<String, LongAdder> answers) {
        HttpClient http = anonymous(anchors);
        HttpRequest request = HttpRequest.newBuilder(join).timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BAD_TOKEN, StandardCharsets.UTF_8)).build();
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, senders));
        AtomicLong left = new AtomicLong(badTokens);
        for (int t = 0; t < senders; t++) {
            threads.execute(() -> {
                while (left.getAndDecrement() > 0) {
                    try {
                        count(answers, Integer.toString(http.send(request, HttpResponse.BodyHandlers.discarding())
                                .statusCode()));
                    } catch (IOException e) {
                        count(answers, "error " + e.getClass().getSimpleName());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        threads.shutdown();
        try {
            threads.awaitTermination(15, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Latencies in ms of {@code GET /v1/clusters}, up to {@code max} of them while {@code running}; a probe
     * that fails (the client's timeout) counts with the time it took, and in {@code failures}.
     */
    private static double[] probe(HubClient admin, Duration pause, int max, AtomicBoolean running, LongAdder failures) {
        List<Double> millis = new ArrayList<>();
        while (running.get() && millis.size() < max) {
            long t0 = System.nanoTime();
            try {
                admin.clusters();
            } catch (RuntimeException e) {
                failures.increment();
            }
            millis.add((System.nanoTime() - t0) / 1e6);
            sleep(pause.toMillis());
        }
        return millis.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void sampleRss(Process hub, AtomicBoolean running, AtomicLong peak) {
        while (running.get()) {
            peak.accumulateAndGet(procStatus(hub.pid(), "VmRSS"), Math::max);
            sleep(50);
        }
    }

    private static void count(Map<String, LongAdder> answers, String outcome) {
        answers.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    private static HttpClient anonymous(List<X509Certificate> anchors) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(HubTls.sslContext(null, anchors))
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    /** The hub's own view of its slowest recent GET answers, to tell a hub stall from a client-side one. */
    private static String serverResponseTimeMax(int managementPort) throws IOException, InterruptedException {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + managementPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("vertx_http_server_response_time_seconds_max")
                && l.contains("GET")).toList().toString();
    }

    private static Duration cpu(Process process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static long auditRecords(HubClient admin) {
        return admin.forEachAuditRecord(1, r -> true);
    }

    private Process startHub(Path dir, int apiPort, int managementPort) throws IOException {
        Path config = dir.resolve("hub.yaml");
        Files.writeString(config, """
                clusterSet: bench
                api: {host: 127.0.0.1, port: %d, advertisedAddresses: [127.0.0.1]}
                management: {port: %d}
                dataDir: %s
                hazelcast: {clusterName: fedgate-bench-join-%d, host: 127.0.0.1, port: %d}
                """.formatted(apiPort, managementPort, dir.resolve("data"), ProcessHandle.current().pid(), freePort()));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + hubHeap, "-cp", System.getProperty("java.class.path"), Fedgate.class.getName(), "hub",
                "--config", config.toString(), "--log-level", "warn");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("hub.log").toFile())
                .start();
    }

    private static HubClient awaitReady(Process hub, Path dir, int apiPort, int managementPort) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/readyz"))
                .timeout(Duration.ofSeconds(2)).build();
        long end = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < end) {
            if (!hub.isAlive()) {
                throw new IllegalStateException("the hub exited with " + hub.exitValue() + "; see " + dir.resolve("hub.log"));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return HubClient.builder().hubs(List.of(URI.create("https://127.0.0.1:" + apiPort)))
                            .identity(TlsMaterial.load(dir.resolve("data").resolve("admin"))).build();
                }
            } catch (IOException e) {
                // not listening yet
            }
            sleep(200);
        }
        throw new IllegalStateException("the hub was not ready within " + READY_WITHIN + "; see " + dir.resolve("hub.log"));
    }

    /** A field of /proc/PID/status in bytes (VmRSS: resident now, VmHWM: resident at its peak). */
    private static long procStatus(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/status (this bench needs Linux)", e);
        }
        throw new IllegalStateException("/proc/" + pid + "/status has no " + field);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
