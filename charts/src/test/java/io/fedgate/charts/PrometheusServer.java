package io.fedgate.charts;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's {@code prometheus} binary) on a free loopback port, with no scrape targets or with
 * the scrape configuration a test gives, used to have the real PromQL engine parse and evaluate the dashboards'
 * and alerts' expressions.
 */
public final class PrometheusServer implements AutoCloseable {

    /** How long Prometheus may take to answer /-/ready. */
    static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(30);
    /** How long a stopping Prometheus gets after SIGTERM before it is killed. */
    static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
    /** Largest API response read; the queries here return empty or tiny results. */
    static final int DEFAULT_MAX_RESPONSE_BYTES = 1 << 20;
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final URI baseUri;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, URI baseUri, Path log) {
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
    }

    /** Starts Prometheus with no scrape targets and its data in {@code workDir}; see {@link #start(Path, Path, String)}. */
    static PrometheusServer start(Path prometheus, Path workDir) throws IOException, InterruptedException {
        return start(prometheus, workDir, "global:\n  evaluation_interval: 1m\nscrape_configs: []\n");
    }

    /**
     * Starts Prometheus with the configuration file {@code configYaml} and its data in {@code workDir}. A port
     * picked free can be taken by another process before Prometheus binds it, so a start that dies early is
     * retried on a new port.
     */
    public static PrometheusServer start(Path prometheus, Path workDir, String configYaml)
            throws IOException, InterruptedException {
        Path config = workDir.resolve("prometheus.yml");
        Files.writeString(config, configYaml);
        IllegalStateException lastFailure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freeLoopbackPort();
            Path log = workDir.resolve("prometheus-" + attempt + ".log");
            Process process = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + workDir.resolve("data-" + attempt),
                    "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
            try {
                server.awaitReady();
                return server;
            } catch (IllegalStateException e) {
                server.close();
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + DEFAULT_STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ": " + logTail());
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(baseUri.resolve("/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // expected until Prometheus has bound its port
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("prometheus not ready on " + baseUri + " within " + DEFAULT_STARTUP_TIMEOUT
                + ": " + logTail());
    }

    /**
     * Runs an instant query; returns the API's JSON answer ({@code status} is {@code success}, or {@code error}
     * with {@code errorType} and {@code error} when the expression does not parse).
     */
    public JsonNode query(String promQl) throws IOException, InterruptedException {
        URI uri = baseUri.resolve("/api/v1/query?query=" + URLEncoder.encode(promQl, StandardCharsets.UTF_8));
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(DEFAULT_MAX_RESPONSE_BYTES + 1);
            if (bytes.length > DEFAULT_MAX_RESPONSE_BYTES) {
                throw new IOException("response to " + promQl + " exceeds " + DEFAULT_MAX_RESPONSE_BYTES + " bytes");
            }
            return Documents.JSON.readTree(bytes);
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the Prometheus this object started: SIGTERM, then SIGKILL after {@link #DEFAULT_STOP_TIMEOUT}. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(DEFAULT_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
