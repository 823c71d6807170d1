package io.fedgate.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fedgate.cli.Fedgate;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code fedgate demo --chaos} headless for a fixed time, with the real hub, agents and gateways: every import
 * is reached from its consuming clusters, the traffic split follows the plan's policy, the killed cluster's
 * traffic moves away and comes back, and the status page renders in headless Chromium.
 */
class DemoIT {
    private static final Path TOPOLOGY = Path.of("..", "topology-examples", "three-cluster-active-active.yaml");
    private static final Duration RUN = Duration.ofSeconds(36);
    private static final Pattern STATUS_PAGE = Pattern.compile("status page: http://127\\.0\\.0\\.1:(\\d+)/");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void chaosDemoReachesEveryImportFollowsThePolicyAndFailsOverAndBack() throws Exception {
        StringWriter output = new StringWriter();
        CommandLine cmd = Fedgate.commandLine();
        PrintWriter out = new PrintWriter(output, true);
        cmd.setOut(out);
        cmd.setErr(out);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cmd.execute("demo", "--topology",
                TOPOLOGY.toString(), "--duration", RUN.toSeconds() + "s", "--chaos", "--status-port", "0",
                "--no-browser-hint"));
        int port = awaitStatusPort(output, run);
        HttpClient http = HttpClient.newHttpClient();
        // before the kill (at 30 % of the run): every import served, split as the plan's policy says
        sleepUntil(run, Duration.ofSeconds(10));
        JsonNode steady = status(http, port);
        // while east is dead and its lease expired (30 % .. 55 %)
        sleepUntil(run, Duration.ofSeconds(8));
        JsonNode failedOver = status(http, port);
        Optional<Path> screenshot = screenshot(port);
        assertThat(run.get(90, TimeUnit.SECONDS)).as(output.toString()).isZero();
        String text = output.toString();

        for (JsonNode row : steady.get("imports")) {
            String what = row.get("service").asText() + " from " + row.get("consumer").asText();
            long answered = sumExcept(row.get("split"), "");
            assertThat(answered).as(what + " answered in the last 5 s\n" + text).isGreaterThan(20);
            Iterator<Map.Entry<String, JsonNode>> expected = row.get("expected").fields();
            while (expected.hasNext()) {
                Map.Entry<String, JsonNode> share = expected.next();
                double seen = row.get("split").path(share.getKey()).asLong() / (double) answered;
                assertThat(seen).as(what + ": share of " + share.getKey()).isCloseTo(share.getValue().asDouble(),
                        org.assertj.core.data.Offset.offset(0.15));
            }
        }
        JsonNode payments = importRow(failedOver, "north", "bank/payments");
        assertThat(payments.get("split").path("east").asLong()).as("no answers from the killed east").isZero();
        assertThat(payments.get("split").path("west").asLong()).as("west took over").isGreaterThan(20);
        assertThat(text).contains("CHAOS: cluster east killed").contains("FAILOVER: bank/payments from north: east")
                .contains("CHAOS: cluster east is back").contains("RETURN: bank/payments from north: east serves again");
        assertThat(text).contains("SIMULATED").contains("fedgate demo: stopped");

        assumeTrue(screenshot.isPresent(), "chromium not installed (apt-get install -y --no-install-recommends "
                + "chromium): the status page was not rendered");
        BufferedImage image = ImageIO.read(screenshot.get().toFile());
        assertThat(Files.size(screenshot.get())).isGreaterThan(20_000);
        assertThat(distinctColours(image)).as("colours in " + screenshot.get()).isGreaterThan(8);
    }

    /** The status page's port, once the demo printed it; fails when the demo ends or stays silent for 60 s. */
    static int awaitStatusPort(StringWriter output, CompletableFuture<Integer> run) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            Matcher m = STATUS_PAGE.matcher(output.toString());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (run.isDone()) {
                throw new AssertionError("demo ended before serving its status page: " + output);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no status page within 60 s: " + output);
    }

    private static void sleepUntil(CompletableFuture<Integer> run, Duration pause) throws InterruptedException {
        Thread.sleep(pause.toMillis());
        assertThat(run).isNotDone();
    }

    private JsonNode status(HttpClient http, int port) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/status.json")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static JsonNode importRow(JsonNode status, String consumer, String service) {
        for (JsonNode row : status.get("imports")) {
            if (row.get("consumer").asText().equals(consumer) && row.get("service").asText().equals(service)) {
                return row;
            }
        }
        throw new AssertionError("no import " + service + " from " + consumer + " in " + status);
    }

    private static long sumExcept(JsonNode counts, String skipped) {
        long sum = 0;
        Iterator<Map.Entry<String, JsonNode>> it = counts.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals(skipped)) {
                sum += e.getValue().asLong();
            }
        }
        return sum;
    }

    /** The status page rendered by headless Chromium into target/, or empty when chromium is not installed. */
    static Optional<Path> screenshot(int port) throws IOException, InterruptedException {
        Optional<Path> chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser")
                .map(Path::of).filter(Files::isExecutable).findFirst();
        if (chromium.isEmpty()) {
            return Optional.empty();
        }
        Path target = Files.createDirectories(Path.of("target"));
        Path png = target.resolve("demo-status-page.png").toAbsolutePath();
        Files.deleteIfExists(png);
        Path profile = Files.createTempDirectory("demo-chromium");
        Process p = new ProcessBuilder(chromium.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=3000", "--screenshot=" + png,
                "--window-size=1280,900", "http://127.0.0.1:" + port + "/")
                .redirectErrorStream(true).redirectOutput(target.resolve("demo-chromium.log").toFile()).start();
        if (!p.waitFor(40, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 40 s; see target/demo-chromium.log");
        }
        assertThat(png).as("chromium wrote no screenshot; see target/demo-chromium.log").exists();
        return Optional.of(png);
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y) & 0xF0F0F0);
            }
        }
        return colours.size();
    }
}
