package io.fedgate.gateway.system;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Java side of {@code test-env/netns/fgt-netns.sh}: builds the namespaces (prefix {@code fgt<pid>-}), runs
 * processes inside them with {@code ip netns exec} (so {@code kill -9} hits the real process), and deletes
 * everything on {@link #close()}. Root only; {@link #available()} says whether it can run here.
 */
final class NetnsHarness implements AutoCloseable {
    private static final Path SCRIPT = locate("test-env/netns/fgt-netns.sh");
    private final String prefix = "fgt" + ProcessHandle.current().pid() + "-";
    private final List<NetnsProcess> processes = new ArrayList<>();

    /** A process running in a namespace, with its output lines. */
    static final class NetnsProcess {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        NetnsProcess(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("EOF " + e);
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for a line starting with {@code prefix}; returns it. */
        String await(String prefix, Duration timeout) throws InterruptedException {
            return awaitLine(line -> line.startsWith(prefix), "starting with " + prefix, timeout);
        }

        /** Waits for a line containing {@code text}; returns it. */
        String awaitContaining(String text, Duration timeout) throws InterruptedException {
            return awaitLine(line -> line.contains(text), "containing " + text, timeout);
        }

        private String awaitLine(Predicate<String> wanted, String what, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                String line = lines.poll(50, TimeUnit.MILLISECONDS);
                if (line != null && wanted.test(line)) {
                    return line;
                }
            }
            throw new IllegalStateException("no line " + what + " within " + timeout);
        }

        /** Every line until one equals {@code last}. */
        List<String> linesUntil(String last, Duration timeout) throws InterruptedException {
            List<String> out = new ArrayList<>();
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                String line = lines.poll(50, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                if (line.equals(last)) {
                    return out;
                }
                out.add(line);
            }
            throw new IllegalStateException("no " + last + " within " + timeout);
        }

        long pid() {
            return process.pid();
        }
    }

    /** Null when the harness can run here, else why not (not root, no ip, no script). */
    static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "network namespaces need root (user is " + System.getProperty("user.name") + ")";
        }
        if (!new File("/usr/sbin/ip").canExecute() && !new File("/sbin/ip").canExecute()
                && !new File("/usr/bin/ip").canExecute()) {
            return "iproute2 (ip) is not installed";
        }
        if (SCRIPT == null) {
            return "test-env/netns/fgt-netns.sh not found above " + Path.of("").toAbsolutePath();
        }
        return null;
    }

    /** Null when {@link #service} can run here (nft is installed), else why not. */
    static String nftUnavailableReason() {
        return new File("/usr/sbin/nft").canExecute() || new File("/sbin/nft").canExecute()
                ? null : "nftables (nft) is not installed: it stands in for kube-proxy's Service DNAT";
    }

    /** Creates the namespaces (removing leftovers of crashed runs first). */
    void up() throws IOException, InterruptedException {
        run("bash", SCRIPT.toString(), "up", prefix);
    }

    /** The full name of namespace {@code name} (wan, a, b, c). */
    String ns(String name) {
        return prefix + name;
    }

    /** Sets cluster {@code cluster}'s link up or down. */
    void link(String cluster, boolean up) throws IOException, InterruptedException {
        run("bash", SCRIPT.toString(), "link", cluster, up ? "up" : "down", prefix);
    }

    /** Adds {@code address}/32 (in 198.18.0.0/15) on cluster {@code cluster}'s loopback: another pod address. */
    void addAddress(String cluster, String address) throws IOException, InterruptedException {
        run("bash", SCRIPT.toString(), "addr", cluster, address, prefix);
    }

    /**
     * Does in cluster {@code cluster} what kube-proxy (nftables mode) does for a ClusterIP Service: connections
     * from there to {@code vip:port} are DNATed to the {@code targets} ({@code address:port}) in turn.
     */
    void service(String cluster, String vip, int port, List<String> targets) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString(), "service", cluster, vip + ":" + port,
                prefix));
        cmd.addAll(targets);
        run(cmd.toArray(String[]::new));
    }

    /** Starts {@code mainClass} from the test classpath in namespace {@code name} with a bounded heap. */
    NetnsProcess java(String name, String heap, Class<?> mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns(name),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap, "-Xss256k",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=logback-test.xml",
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        NetnsProcess np = new NetnsProcess(p);
        processes.add(np);
        return np;
    }

    /** Sends {@code signal} (e.g. {@code STOP}, {@code CONT}) to process {@code pid}, one this harness started. */
    static void signal(long pid, String signal) throws IOException, InterruptedException {
        run("kill", "-" + signal, Long.toString(pid));
    }

    /** Resident memory of process {@code pid} in KiB (VmRSS). */
    static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for pid " + pid);
    }

    @Override
    public void close() throws Exception {
        for (NetnsProcess p : processes) {
            p.process.destroyForcibly();
        }
        for (NetnsProcess p : processes) {
            p.process.waitFor(5, TimeUnit.SECONDS);
        }
        run("bash", SCRIPT.toString(), "down", prefix);
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private static Path locate(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        return null;
    }
}
