package io.fedgate.hub.it;

import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.hub.FederationHubMain;
import io.fedgate.hub.HubConfig;
import io.fedgate.hubclient.HubClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Real hub members as separate JVMs ({@link FederationHubMain} from this test's classpath), each with its own
 * data directory and loopback ports, joined by TCP-IP on 127.0.0.1, with short Hazelcast heartbeat timeouts so
 * a killed member is noticed within seconds. Logs go to {@code member-N.log} next to the data directories.
 */
final class HubMembers implements AutoCloseable {
    static final String CLUSTER_SET = "test-set";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> HAZELCAST_JVM_FLAGS = List.of("--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    private final Path root;
    private final Path keyFile;
    private String clusterName;
    private final List<Member> members = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One member's ports, directories and process. */
    static final class Member {
        final int index;
        final int apiPort;
        final int managementPort;
        final int hazelcastPort;
        final Path dataDir;
        final Path config;
        final Path log;
        Process process;

        Member(int index, int apiPort, int managementPort, int hazelcastPort, Path root) {
            this.index = index;
            this.apiPort = apiPort;
            this.managementPort = managementPort;
            this.hazelcastPort = hazelcastPort;
            this.dataDir = root.resolve("member-" + index);
            this.config = root.resolve("member-" + index + ".yaml");
            this.log = root.resolve("member-" + index + ".log");
        }

        URI apiUrl() {
            return URI.create("https://127.0.0.1:" + apiPort);
        }

        boolean alive() {
            return process != null && process.isAlive();
        }
    }

    private HubMembers(Path root) throws IOException {
        this.root = root;
        this.keyFile = HubConfig.Sealing.generatedAt(root.resolve("sealing.keys")).keyFile();
    }

    /** Starts {@code count} members in parallel under {@code target/hub-it/<name>-<time>} and waits until all are ready. */
    static HubMembers start(String name, int count) throws IOException {
        return start(name, count, 64, false);
    }

    /**
     * As {@link #start(String, int)}, keeping {@code historySize} plan versions per cluster; with
     * {@code firstIsOldest}, member 0 is started alone first, so it is the oldest member: the planning leader.
     */
    static HubMembers start(String name, int count, int historySize, boolean firstIsOldest) throws IOException {
        return start(name, count, historySize, firstIsOldest, "");
    }

    /** One member whose config has {@code extraConfig} (top-level YAML keys) appended. */
    static HubMembers startWith(String name, String extraConfig) throws IOException {
        return start(name, 1, 64, false, extraConfig);
    }

    private static HubMembers start(String name, int count, int historySize, boolean firstIsOldest, String extraConfig)
            throws IOException {
        Path root = Path.of("target", "hub-it", name + "-" + Instant.now().toEpochMilli()).toAbsolutePath();
        Files.createDirectories(root);
        HubMembers hub = new HubMembers(root);
        String clusterName = "fedgate-it-" + UUID.randomUUID().toString().substring(0, 8);
        hub.clusterName = clusterName;
        for (int i = 0; i < count; i++) {
            hub.members.add(new Member(i, freePort(), freePort(), freePort(), root));
        }
        for (Member member : hub.members) {
            Files.writeString(member.config, hub.configOf(member, clusterName, historySize) + extraConfig);
        }
        if (firstIsOldest) {
            hub.launch(hub.members.get(0));
            hub.awaitReady(hub.members.get(0));
        }
        for (Member member : hub.members) {
            if (member.process == null) {
                hub.launch(member);
            }
        }
        for (Member member : hub.members) {
            hub.awaitReady(member);
        }
        return hub;
    }

    List<Member> members() {
        return members;
    }

    Member member(int index) {
        return members.get(index);
    }

    /** Every member's API URL, in member order. */
    List<URI> apiUrls() {
        return members.stream().map(Member::apiUrl).toList();
    }

    /** The admin credential member {@code index} wrote to its data directory. */
    TlsMaterial adminMaterial(int index) {
        return TlsMaterial.load(members.get(index).dataDir.resolve("admin"));
    }

    /** A client for the admin, listing every member. */
    HubClient adminClient() {
        return HubClient.builder().hubs(apiUrls()).identity(adminMaterial(0)).build();
    }

    /** SIGKILL: no graceful leave, no final write. */
    void kill(int index) throws InterruptedException {
        Member member = members.get(index);
        member.process.destroyForcibly();
        member.process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the member stops serving and leaves gracefully. */
    void stop(int index) throws InterruptedException {
        Member member = members.get(index);
        member.process.destroy();
        if (!member.process.waitFor(60, TimeUnit.SECONDS)) {
            member.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts stopped members again with the same ports and data, in parallel, and waits until ready. */
    void restart(List<Integer> indexes) throws IOException {
        for (int index : indexes) {
            launch(members.get(index));
        }
        for (int index : indexes) {
            awaitReady(members.get(index));
        }
    }

    /** GET on member {@code index}'s management port: status and body. */
    HttpResponse<String> management(int index, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + members.get(index).managementPort
                + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        for (Member member : members) {
            if (member.alive()) {
                member.process.destroy();
            }
        }
        for (Member member : members) {
            if (member.process != null && !member.process.waitFor(30, TimeUnit.SECONDS)) {
                member.process.destroyForcibly();
            }
        }
    }

    /** The Hazelcast cluster name the members share. */
    String clusterName() {
        return clusterName;
    }

    private String configOf(Member member, String clusterName, int historySize) {
        String peers = members.stream().map(m -> "\"127.0.0.1:" + m.hazelcastPort + "\"")
                .collect(Collectors.joining(", "));
        return """
                clusterSet: %s
                api: {host: 127.0.0.1, port: %d, advertisedAddresses: [127.0.0.1, localhost]}
                management: {host: 127.0.0.1, port: %d}
                dataDir: %s
                hazelcast:
                  clusterName: %s
                  host: 127.0.0.1
                  port: %d
                  members: [%s]
                  properties:
                    hazelcast.max.no.heartbeat.seconds: "6"
                    hazelcast.heartbeat.interval.seconds: "1"
                    hazelcast.wait.seconds.before.join: "1"
                    hazelcast.max.join.seconds: "20"
                    hazelcast.max.wait.seconds.before.join: "2"
                    hazelcast.merge.first.run.delay.seconds: "5"
                    hazelcast.merge.next.run.delay.seconds: "5"
                    hazelcast.operation.call.timeout.millis: "10000"
                leases: {durationSeconds: 4}
                watch: {heartbeatInterval: 1s}
                planning: {debounce: 20ms, historySize: %d}
                sealing: {keyFile: %s}
                """.formatted(CLUSTER_SET, member.apiPort, member.managementPort, member.dataDir, clusterName,
                member.hazelcastPort, peers, historySize, keyFile);
    }

    private void launch(Member member) throws IOException {
        member.process = java(member.log, FederationHubMain.class.getName(), "--config", member.config.toString());
    }

    /** Where the members' directories, configs and logs are. */
    Path root() {
        return root;
    }

    /** The sealing key file every member reads. */
    Path keyFile() {
        return keyFile;
    }

    /** Hazelcast's cluster name and member {@code index}'s Hazelcast address. */
    String hazelcastAddress(int index) {
        return "127.0.0.1:" + members.get(index).hazelcastPort;
    }

    /** A JVM running {@code mainClass} from this test's classpath, its output appended to {@code log}. */
    static Process java(Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(HAZELCAST_JVM_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private void awaitReady(Member member) throws IOException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!member.alive()) {
                throw new IllegalStateException("hub member " + member.index + " exited with "
                        + member.process.exitValue() + "; see " + member.log);
            }
            try {
                if (management(member.index, "/readyz").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for member " + member.index, e);
            }
            sleep(100);
        }
        throw new IllegalStateException("hub member " + member.index + " not ready after " + READY_TIMEOUT + "; see "
                + member.log);
    }

    /**
     * A free loopback port below the kernel's ephemeral range (32768 and up): a port picked from that range
     * could be taken by some process's outgoing connection before the member binds it.
     */
    private static int freePort() throws IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20_000 + random.nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port in 20000..31999 after 100 attempts");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
