package io.fedgate.cli.local;

import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.hub.FederationHub;
import io.fedgate.hub.HubConfig;
import io.fedgate.hubclient.HubClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One real hub member in this JVM on loopback: Hazelcast member, CA, mutual-TLS API. Its ports are fixed at
 * creation, so it can be {@link #stop() stopped} and {@link #restart() started again} with the same address and
 * data directory (CA, admin credential, persisted state): the clusters' certificates stay valid across the outage.
 *
 * <p>It also hands out join files ({@link JoinFiles}): a token made through the admin API on first demand per
 * (cluster, component), and the CA certificate, as an operator would give them to an agent or gateway.
 */
public final class LocalHub implements JoinFiles, AutoCloseable {

    /**
     * How the member runs.
     *
     * @param clusterSet          the cluster set (SPIFFE trust domain)
     * @param lease               a cluster whose agent is silent this long has its endpoints withdrawn
     * @param certificateValidity lifetime of the certificates issued to agents and gateways
     * @param planningDebounce    how long the planner gathers changes
     * @param watchHeartbeat      how often an idle plan watch gets a heartbeat
     */
    public record Settings(String clusterSet, Duration lease, Duration certificateValidity, Duration planningDebounce,
                           Duration watchHeartbeat) {
        public Settings {
            Objects.requireNonNull(clusterSet, "clusterSet");
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(certificateValidity, "certificateValidity");
            Objects.requireNonNull(planningDebounce, "planningDebounce");
            Objects.requireNonNull(watchHeartbeat, "watchHeartbeat");
        }

        /** A 15 s lease, one-day certificates, 50 ms planning debounce, 2 s watch heartbeats. */
        public static Settings of(String clusterSet) {
            return new Settings(clusterSet, Duration.ofSeconds(15), Duration.ofDays(1), Duration.ofMillis(50),
                    Duration.ofSeconds(2));
        }

        /** These settings with another lease. */
        public Settings withLease(Duration value) {
            return new Settings(clusterSet, value, certificateValidity, planningDebounce, watchHeartbeat);
        }

        /** These settings with another certificate lifetime. */
        public Settings withCertificateValidity(Duration value) {
            return new Settings(clusterSet, lease, value, planningDebounce, watchHeartbeat);
        }

        /** These settings with another planning debounce. */
        public Settings withPlanningDebounce(Duration value) {
            return new Settings(clusterSet, lease, certificateValidity, value, watchHeartbeat);
        }
    }

    private static final Duration TOKEN_TTL = Duration.ofHours(1);
    private static final int PLAN_HISTORY = 32;

    private final HubConfig config;
    private final Path joinDir;
    private final List<URI> urls;
    private FederationHub member;
    private HubClient admin;

    private LocalHub(HubConfig config, Path joinDir) {
        this.config = config;
        this.joinDir = joinDir;
        this.urls = List.of(URI.create("https://127.0.0.1:" + config.api().port()));
    }

    /**
     * Starts a member keeping its data under {@code workDir/hub} and join files under {@code workDir/join}.
     *
     * @throws io.fedgate.hub.HubStartupException naming the start-up step that failed
     */
    public static LocalHub start(Settings settings, Path workDir) throws IOException {
        int hazelcastPort = freePort();
        Path dir = workDir.resolve("hub");
        HubConfig config = new HubConfig(settings.clusterSet(),
                new HubConfig.Api("127.0.0.1", freePort(), List.of("127.0.0.1")),
                new HubConfig.Management("127.0.0.1", 0), dir, null, null,
                new HubConfig.Hazelcast("fedgate-local-" + ProcessHandle.current().pid() + "-" + hazelcastPort,
                        "127.0.0.1", hazelcastPort, List.of("127.0.0.1:" + hazelcastPort),
                        Map.of("hazelcast.wait.seconds.before.join", "1", "hazelcast.phone.home.enabled", "false")),
                settings.lease(), TOKEN_TTL, settings.certificateValidity(), dir.resolve("audit.log"),
                new HubConfig.Planning(settings.planningDebounce(), PLAN_HISTORY, 1), settings.watchHeartbeat(),
                HubConfig.Sealing.generatedAt(dir.resolve("sealing.keys")));
        LocalHub hub = new LocalHub(config, Files.createDirectories(workDir.resolve("join")));
        hub.restart();
        return hub;
    }

    /** Starts the member (again, after {@link #stop()}) on the same ports with the same data. */
    public synchronized void restart() {
        if (member != null) {
            throw new IllegalStateException("the hub member is already running");
        }
        member = FederationHub.start(config, Clock.systemUTC());
        if (admin == null) {
            admin = HubClient.builder().hubs(urls).identity(TlsMaterial.load(member.adminCertDir())).build();
        }
    }

    /** Stops the member gracefully; clients see connections refused until {@link #restart()}. */
    public synchronized void stop() {
        if (member != null) {
            member.close();
            member = null;
        }
    }


    /** The member's API URL. */
    public List<URI> urls() {
        return urls;
    }


    /** The port of the member's {@code /metrics}, {@code /healthz}, {@code /readyz}; -1 while stopped. */
    public synchronized int managementPort() {
        return member == null ? -1 : member.managementPort();
    }

    /** A client with the admin credential ({@code fedgate ctl}'s view); it fails its calls while stopped. */
    public synchronized HubClient admin() {
        return admin;
    }

    @Override
    public synchronized Path token(String clusterId, Component component) {
        Path file = joinDir.resolve(clusterId + "-" + component.id() + ".token");
        if (!Files.exists(file)) {
            write(file, admin.createToken(clusterId, component, null).token());
        }
        return file;
    }

    @Override
    public synchronized Path caFile() {
        Path file = joinDir.resolve("hub-ca.crt");
        if (!Files.exists(file)) {
            write(file, admin.ca().certificate());
        }
        return file;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
        stop();
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
