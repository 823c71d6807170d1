package io.fedgate.cli.bench;

import io.fedgate.api.pki.CertificateAuthority;
import io.fedgate.cli.Fedgate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Gateways of the gateway benchmarks as processes of their own ({@code fedgate gateway --plan}), as they run in a
 * cluster: the bench's load generator and backend then share neither a heap nor a collector with them, a
 * replica can be killed, and a process's CPU time is the gateway's alone (compared with HAProxy's the same way).
 * Each gateway's plan is {@code plan-<name>.json} in the bench's directory, its log {@code <name>.log}.
 */
final class GatewayProcesses {
    static final String LOOPBACK = "127.0.0.1";
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private GatewayProcesses() {
    }

    /** Starts gateway {@code name} of cluster {@code name}'s first letter, with a certificate from {@code ca}. */
    static Process start(CertificateAuthority ca, Path dir, String name, int tunnelPort, String... more)
            throws IOException {
        String cluster = name.substring(0, 1);
        Path cert = dir.resolve("cert-" + name);
        GatewayBenchCommands.issue(ca, cluster).save(cert);
        List<String> args = new ArrayList<>(List.of("gateway", "--cluster-id", cluster, "--cert", cert.toString(),
                "--plan", dir.resolve("plan-" + name + ".json").toString(), "--listen", LOOPBACK, "--tunnel-port",
                "" + tunnelPort, "--name", name));
        args.addAll(List.of(more));
        return new ProcessBuilder(javaCommand(args)).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    /**
     * Waits until gateway {@code name} applied plan {@code version} (its log says so) with its tunnels to
     * {@code peers} up (its metrics on {@code adminPort} say so).
     */
    static void awaitPlan(Path dir, String name, int adminPort, long version, List<String> peers) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + adminPort + "/metrics"))
                .timeout(Duration.ofSeconds(2)).build();
        String applied = "planVersion=" + version + " applied";
        Path log = dir.resolve(name + ".log");
        long end = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log).contains(applied)) {
                try {
                    String text = http.send(metrics, HttpResponse.BodyHandlers.ofString()).body();
                    if (peers.stream().allMatch(p -> text.matches(
                            "(?s).*fedgate_tunnel_up\\{[^}]*peer=\"" + p + "\"[^}]*} 1\\.0.*"))) {
                        return;
                    }
                } catch (IOException e) {
                    // admin not listening yet
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("gateway " + name + " did not apply plan " + version + " with tunnels to "
                + peers + " up within " + READY_WITHIN.toSeconds() + " s; see " + log);
    }

    /** CPU time (user and system, all threads) {@code processes} have used so far. */
    static Duration cpu(List<Process> processes) {
        Duration total = Duration.ZERO;
        for (Process p : processes) {
            total = total.plus(p.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException(
                    "this platform does not report the CPU time of process " + p.pid())));
        }
        return total;
    }

    /** SIGTERM (a gateway drains; HAProxy stops), then SIGKILL for what has not exited within a few seconds. */
    static void stop(List<Process> processes) throws InterruptedException {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static List<String> javaCommand(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Fedgate.class.getName()));
        cmd.addAll(args);
        return cmd;
    }
}
