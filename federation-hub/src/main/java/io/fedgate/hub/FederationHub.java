package io.fedgate.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.fedgate.api.codec.FederationJson;
import io.fedgate.api.pki.RotationPolicy;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.hub.internal.access.AccessPolicy;
import io.fedgate.hub.internal.access.JoinTokenStore;
import io.fedgate.hub.internal.api.ApiServer;
import io.fedgate.hub.internal.api.HubMetrics;
import io.fedgate.hub.internal.api.HubServices;
import io.fedgate.hub.internal.api.ManagementServer;
import io.fedgate.hub.internal.audit.AuditFile;
import io.fedgate.hub.internal.audit.AuditLog;
import io.fedgate.hub.internal.audit.RefusalTally;
import io.fedgate.hub.internal.ca.HubCa;
import io.fedgate.hub.internal.replan.PlanFeed;
import io.fedgate.hub.internal.replan.Replanner;
import io.fedgate.hub.internal.sealing.IntegrityMonitor;
import io.fedgate.hub.internal.sealing.KeyRotation;
import io.fedgate.hub.internal.sealing.Sealing;
import io.fedgate.hub.internal.sealing.SealingKeys;
import io.fedgate.hub.internal.sealing.StateSealer;
import io.fedgate.hub.internal.state.HazelcastSetup;
import io.fedgate.hub.internal.state.HubState;
import io.fedgate.hub.internal.state.InventoryStore;
import io.fedgate.hub.internal.state.StateFiles;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of the federation hub: an embedded Hazelcast member, the mutual-TLS API, the management port,
 * and the planner (active on the oldest member only). 1..N members with the same cluster name form one hub;
 * any member serves any request.
 *
 * <p>Start-up, in order (the management port answers {@code /healthz} throughout, {@code /readyz} says
 * which step is pending): join the Hazelcast cluster; settle the CA; merge this member's persisted state
 * into the cluster's; issue this member's server certificate and the admin credential
 * ({@code dataDir/admin}); start planning; open the API. {@link #close()} undoes it in reverse, leaving the
 * Hazelcast cluster gracefully so the others keep every entry.
 *
 * <pre>{@code
 * try (FederationHub hub = FederationHub.start(HubConfig.load(Path.of("hub.yaml")), Clock.systemUTC())) {
 *     ... hub.apiPort(), hub.adminCertDir() ...
 * }
 * }</pre>
 */
public final class FederationHub implements AutoCloseable {
    /** How often this member's refusals of what it read from Hazelcast go to the audit log, aggregated per map. */
    public static final Duration INTEGRITY_AUDIT_INTERVAL = Duration.ofSeconds(2);
    /** How often the member checks whether its server certificate is due for renewal. */
    public static final Duration CERTIFICATE_CHECK_INTERVAL = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(FederationHub.class);

    private final HubConfig config;
    private final Clock clock;
    private final List<AutoCloseable> closeOnStop = new ArrayList<>();
    private Vertx vertx;
    private HazelcastInstance hazelcast;
    private ManagementServer management;
    private ApiServer api;
    private Replanner replanner;
    private HubCa ca;
    private volatile HubMetrics metrics;
    private volatile String pendingStep = "starting";
    private int apiPort;
    private int managementPort;
    private Path adminCertDir;
    private volatile TlsMaterial serverMaterial;

    private FederationHub(HubConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * Starts a member and returns once it serves the API.
     *
     * @throws HubConfigException when the sealing key file is missing or unusable (nothing started)
     * @throws HubStartupException naming the step that failed
     */
    public static FederationHub start(HubConfig config, Clock clock) {
        return start(config, clock, true);
    }

    /**
     * {@link #start}, but storing state in Hazelcast as plaintext: the baseline {@code fedgate bench hub --unsealed}
     * measures sealing against. Never for a hub that serves clusters (a rogue on the Hazelcast network reads the CA
     * key and forges tokens); no configuration setting leads here.
     */
    public static FederationHub startUnsealedForBenchmark(HubConfig config, Clock clock) {
        LOG.warn("hub state is NOT sealed (benchmark baseline only)");
        return start(config, clock, false);
    }

    private static FederationHub start(HubConfig config, Clock clock, boolean sealed) {
        SealingKeys keys = sealingKeys(config);
        FederationHub hub = new FederationHub(config, clock);
        try {
            hub.startSteps(keys, sealed);
            return hub;
        } catch (RuntimeException | IOException e) {
            String step = hub.pendingStep;
            hub.close();
            throw new HubStartupException("hub member failed while " + step + ": " + e.getMessage(), e);
        }
    }

    private static SealingKeys sealingKeys(HubConfig config) {
        try {
            return SealingKeys.load(config.sealing().keyFile());
        } catch (IllegalArgumentException e) {
            throw new HubConfigException("sealing.keyFile: " + e.getMessage(), List.of());
        }
    }

    private void startSteps(SealingKeys keys, boolean sealed) throws IOException {
        Files.createDirectories(config.dataDir());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        vertx = Vertx.builder()
                .with(new VertxOptions().setFileSystemOptions(new FileSystemOptions()
                        .setClassPathResolvingEnabled(false).setFileCachingEnabled(false)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        management = new ManagementServer(vertx, config.management().host(), config.management().port(),
                this::healthy, () -> pendingStep, () -> metrics == null ? registry.scrape() : metrics.scrape());
        managementPort = await(management.start().toCompletionStage().toCompletableFuture());

        pendingStep = "joining the Hazelcast cluster";
        IntegrityMonitor monitor = new IntegrityMonitor(clock::millis);
        Sealing sealing = sealed ? new Sealing(new StateSealer(keys), monitor)
                : Sealing.plaintextForBenchmark(new StateSealer(keys), monitor);
        com.hazelcast.config.Config memberConfig = HazelcastSetup.config(config);
        memberConfig.getUserContext().put(Sealing.USER_CONTEXT_KEY, sealing);
        hazelcast = Hazelcast.newHazelcastInstance(memberConfig);
        HubState state = new HubState(hazelcast, sealing);
        closeOnStop.add(state);
        ObjectMapper mapper = FederationJson.mapper();

        pendingStep = "settling the CA";
        ca = new HubCa(config, state, clock);
        ca.establish();

        pendingStep = "loading persisted state";
        StateFiles files = new StateFiles(state, config.dataDir().resolve("state"), mapper);
        files.loadAndMerge();
        files.start();
        closeOnStop.add(files);
        AuditLog audit = new AuditLog(state, mapper, clock);
        closeOnStop.add(audit);
        AuditFile auditFile = new AuditFile(audit, state, config.auditPath());
        auditFile.start();
        closeOnStop.add(auditFile);
        vertx.setPeriodic(INTEGRITY_AUDIT_INTERVAL.toMillis(), id -> vertx.executeBlocking(() -> {
            sealing.monitor().flush((map, refused) -> audit.append(AuditLog.HUB_ACTOR, "state.refused", map, refused
                    + " (member " + hazelcast.getCluster().getLocalMember().getAddress() + ")"));
            return null;
        }, false));
        KeyRotation rotation = new KeyRotation(config.sealing().keyFile(), sealing,
                HubState.MAPS.stream().map(name -> hazelcast.<Object, Object>getMap(name)).toList());
        rotation.start();
        closeOnStop.add(rotation);

        pendingStep = "issuing certificates";
        serverMaterial = ca.issueServerMaterial();
        adminCertDir = ca.ensureAdminCredential();
        PlanFeed feed = new PlanFeed(state);
        closeOnStop.add(feed);
        metrics = new HubMetrics(registry, state, feed, config.leaseDuration(), clock);
        metrics.serverCertificate(serverMaterial);

        pendingStep = "starting the planner";
        InventoryStore inventories = new InventoryStore(state, clock);
        JoinTokenStore tokens = new JoinTokenStore(state, config.clusterSet(), clock);
        replanner = new Replanner(state, inventories, audit, mapper, clock, System::nanoTime,
                config.planning().debounce(), config.leaseDuration(), config.planning().transitSwitchCount(),
                metrics::leaseExpired, tokens::prune);
        replanner.start();

        pendingStep = "opening the API";
        RefusalTally refusals = new RefusalTally(RefusalTally.of(audit), config.join().trackedSources(),
                config.join().refusalAuditInterval());
        refusals.start();
        closeOnStop.add(refusals);
        HubServices services = new HubServices(config, state, inventories, tokens, audit, refusals, ca,
                new AccessPolicy(), feed, replanner, metrics, clock, mapper);
        api = new ApiServer(vertx, services);
        apiPort = await(api.start(serverMaterial).toCompletionStage().toCompletableFuture());
        vertx.setPeriodic(CERTIFICATE_CHECK_INTERVAL.toMillis(), id -> renewServerCertificateIfDue());
        pendingStep = null;
        LOG.info("hub member of cluster set {} ready: API on port {}, management on port {}, {} member(s), admin "
                + "credential in {}", config.clusterSet(), apiPort, managementPort,
                hazelcast.getCluster().getMembers().size(), adminCertDir);
    }

    /** The port the API listens on. */
    public int apiPort() {
        return apiPort;
    }

    /** The port the management server listens on. */
    public int managementPort() {
        return managementPort;
    }

    /** Where the admin credential for {@code fedgate ctl} is ({@code dataDir/admin}). */
    public Path adminCertDir() {
        return adminCertDir;
    }

    /** True once every start-up step is done and until {@link #close()}. */
    public boolean ready() {
        return pendingStep == null;
    }

    /** True while this member is the one that plans. */
    public boolean planningLeader() {
        return replanner != null && replanner.leader();
    }

    /** Timings of the planning runs this member made. */
    public PlanningStats planningStats() {
        return replanner.stats();
    }

    /** How many Hazelcast members this member sees. */
    public int members() {
        return hazelcast == null ? 0 : hazelcast.getCluster().getMembers().size();
    }

    /** Stops serving, stops planning, and leaves the Hazelcast cluster gracefully. */
    @Override
    public void close() {
        pendingStep = "stopping";
        if (api != null) {
            awaitQuietly(api.close().toCompletionStage().toCompletableFuture());
        }
        if (replanner != null) {
            replanner.close();
        }
        for (int i = closeOnStop.size() - 1; i >= 0; i--) {
            try {
                closeOnStop.get(i).close();
            } catch (Exception e) {
                LOG.warn("stopping {}: {}", closeOnStop.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        if (hazelcast != null) {
            hazelcast.shutdown();
        }
        if (management != null) {
            awaitQuietly(management.close().toCompletionStage().toCompletableFuture());
        }
        if (vertx != null) {
            awaitQuietly(vertx.close().toCompletionStage().toCompletableFuture());
        }
    }

    private boolean healthy() {
        return hazelcast == null || hazelcast.getLifecycleService().isRunning();
    }

    private void renewServerCertificateIfDue() {
        if (!RotationPolicy.DEFAULT.needsRenewal(serverMaterial.certificate(), clock)) {
            return;
        }
        vertx.executeBlocking(ca::issueServerMaterial, false)
                .compose(renewed -> api.updateCertificate(renewed).map(renewed))
                .onSuccess(renewed -> {
                    serverMaterial = renewed;
                    metrics.serverCertificate(renewed);
                    LOG.info("renewed this member's server certificate; it expires {}",
                            renewed.certificate().getNotAfter().toInstant());
                })
                .onFailure(e -> LOG.error("renewing this member's server certificate failed: {}", e.toString()));
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    private static void awaitQuietly(java.util.concurrent.CompletableFuture<?> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("stopping: {}", e.toString());
        }
    }
}
