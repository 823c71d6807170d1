package io.fedgate.gateway;

import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.GatewayListenerPorts.Listener;
import io.fedgate.api.model.GatewayPeer;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.pki.IdentityVerifier;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.gateway.internal.admin.AdminEndpoints;
import io.fedgate.gateway.internal.admin.AdminServer;
import io.fedgate.gateway.internal.balancing.BalancingListener;
import io.fedgate.gateway.internal.balancing.BalancingSettings;
import io.fedgate.gateway.internal.balancing.GlobalBalancer;
import io.fedgate.gateway.internal.balancing.OutlierPolicy;
import io.fedgate.gateway.internal.balancing.Ticker;
import io.fedgate.gateway.internal.listener.FlowRouter;
import io.fedgate.gateway.internal.listener.ListenerSet;
import io.fedgate.gateway.internal.metrics.GatewayMetrics;
import io.fedgate.gateway.internal.relay.EndpointDialer;
import io.fedgate.gateway.internal.routing.ExportTable;
import io.fedgate.gateway.internal.routing.ImportTable;
import io.fedgate.gateway.internal.routing.ListenerDiff;
import io.fedgate.gateway.internal.transport.Transport;
import io.fedgate.gateway.internal.tunnel.ServingContext;
import io.fedgate.gateway.internal.tunnel.TunnelCertificate;
import io.fedgate.gateway.internal.tunnel.TunnelContext;
import io.fedgate.gateway.internal.tunnel.TunnelRegistry;
import io.fedgate.gateway.internal.tunnel.TunnelServer;
import io.fedgate.gateway.internal.tunnel.TunnelTls;
import io.fedgate.gateway.spi.PlanListener;
import io.fedgate.gateway.spi.PlanSource;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running gateway replica: tunnel listener, tunnels to every peer gateway of the plan, one listener per
 * gateway-path import port, global load balancing, admin endpoint. It applies every plan its {@link
 * PlanSource} delivers at run time (peers, imports, endpoints and health may all change) without dropping
 * flows the change does not concern. A certificate renewed by the plan source ({@link
 * PlanListener#certificateRenewed}) is presented by every tunnel made after it; established tunnels keep theirs
 * until it expires, and are then replaced make-before-break. {@link #close()} drains: GOAWAY on every tunnel,
 * listeners closed, open flows run until they end or the drain deadline passes.
 *
 * <pre>{@code
 * GatewayServer gw = GatewayServer.start(config, new PlanFileSource(Path.of("plan.json")));
 * ...
 * gw.close(); // graceful drain
 * }</pre>
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final GatewayConfig config;
    private final PlanSource planSource;
    private final Transport transport;
    private final GatewayMetrics metrics;
    private final Ticker ticker;
    private final Clock clock;
    private final TunnelCertificate certificate;
    private final GlobalBalancer balancer;
    private final GlobalBalancer servingBalancer;
    private final TunnelRegistry tunnels;
    private final TunnelServer tunnelServer;
    private final ListenerSet listeners;
    private final FlowRouter router;
    private final ExecutorService control;
    private final InetSocketAddress tunnelAddress;
    private final AdminServer admin;
    private volatile ExportTable exports;
    private volatile ImportTable imports = ImportTable.empty();
    private volatile ClusterPlan plan;
    private volatile String notReady = "no plan received yet";
    private volatile boolean draining;
    private boolean closed;

    private GatewayServer(GatewayConfig config, PlanSource planSource, Clock clock, Random random) {
        this.config = config;
        this.planSource = planSource;
        this.ticker = Ticker.SYSTEM;
        this.clock = clock;
        GatewayTuning tuning = config.tuning();
        this.certificate = new TunnelCertificate(config.tls());
        this.transport = Transport.create("fedgate-gw-" + config.name(), tuning.eventLoopThreads());
        this.metrics = new GatewayMetrics(config.clusterId(), clock);
        metrics.trackCertificate(certificate::material);
        this.exports = ExportTable.empty(config.clusterId());
        OutlierPolicy outliers = new OutlierPolicy(tuning.ejectAfterFailures(), tuning.ejectionBase(),
                tuning.ejectionMax());
        this.balancer = new GlobalBalancer(config.clusterId(), new BalancingSettings(tuning.maxAttempts(),
                tuning.maxAttemptsPerCluster(), tuning.holdDown(), outliers), ticker, random, metrics);
        BalancingListener ejectionsOnly = new BalancingListener() {
            @Override
            public void ejected(String service, String clusterId, String targetKey, Duration period) {
                metrics.ejected(service, clusterId, targetKey, period);
            }
        };
        this.servingBalancer = new GlobalBalancer(config.clusterId(), new BalancingSettings(tuning.maxAttempts(),
                tuning.maxAttempts(), tuning.holdDown(), outliers), ticker, random, ejectionsOnly);
        IdentityVerifier verifier = config.tls().identityVerifier(clock);
        TunnelContext tunnelContext = new TunnelContext(config.clusterId(), transport, certificate, verifier, tuning,
                ticker, clock, random, metrics);
        EndpointDialer dialer = new EndpointDialer(transport, tuning.connectTimeout());
        this.tunnels = new TunnelRegistry(tunnelContext);
        this.router = new FlowRouter(balancer, tunnels);
        this.listeners = new ListenerSet(transport, config.listenAddress(), () -> imports, router, dialer,
                config.proxyProtocolImports(), config.clusterId());
        this.tunnelServer = new TunnelServer(tunnelContext, new ServingContext(() -> exports, servingBalancer, dialer,
                config.proxyProtocolImports()));
        this.control = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fedgate-gw-plan");
            t.setDaemon(true);
            return t;
        });
        try {
            this.tunnelAddress = tunnelServer.bind(config.tunnelAddress());
            this.admin = AdminServer.bind(transport, config.adminAddress(),
                    new AdminEndpoints(metrics::scrape, this::notReady));
        } catch (GatewayException e) {
            tunnelServer.close();
            transport.group().shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            control.shutdownNow();
            throw e;
        }
    }

    /** Starts a gateway on the system clock with a fresh random source. */
    public static GatewayServer start(GatewayConfig config, PlanSource planSource) {
        return start(config, planSource, Clock.systemUTC(), new Random());
    }

    /**
     * Starts a gateway: binds the tunnel and admin listeners, then starts {@code planSource}; import
     * listeners and tunnels follow the first plan.
     *
     * @param clock  the time certificates are checked at
     * @param random the source of load-balancing and backoff randomness (thread-safe)
     * @throws GatewayException when a listener cannot be bound or the TLS material does not fit
     */
    public static GatewayServer start(GatewayConfig config, PlanSource planSource, Clock clock, Random random) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(planSource, "planSource");
        GatewayServer server = new GatewayServer(config, planSource, clock, random);
        LOG.info("cluster={} gateway={} started: tunnels on {} (TLS by {}), admin on {}, plan from {}",
                config.clusterId(), config.name(), server.tunnelAddress, TunnelTls.provider(), server.admin.address(),
                planSource.describe());
        if (TunnelTls.fallbackReason() != null) {
            LOG.warn("cluster={} gateway={} OpenSSL is not available, tunnels use the JDK's TLS (slower): {}",
                    config.clusterId(), config.name(), TunnelTls.fallbackReason());
        }
        server.observeHealthPeriodically();
        planSource.start(server.new PlanUpdates());
        return server;
    }

    /** Where peer gateways dial this one. */
    public InetSocketAddress tunnelAddress() {
        return tunnelAddress;
    }

    /** Where {@code /metrics}, {@code /healthz} and {@code /readyz} are served. */
    public InetSocketAddress adminAddress() {
        return admin.address();
    }

    /** The listener address of port {@code servicePort} of {@code service}, when bound. */
    public Optional<InetSocketAddress> listenerAddress(ServiceKey service, int servicePort) {
        return listenerAddress(new Listener(service, servicePort));
    }

    /** Where {@code listener} (a ClusterSetIP import's port, or one remote endpoint of a headless import) is bound. */
    public Optional<InetSocketAddress> listenerAddress(Listener listener) {
        return Optional.ofNullable(listeners.addresses().get(listener));
    }

    /** The version of the plan in force, -1 before the first. */
    public long planVersion() {
        ClusterPlan p = plan;
        return p == null ? -1 : p.version();
    }

    /**
     * True once a plan is applied with every listener bound, while the certificate is valid (an expired one is
     * refused by the hub and by peers), and not draining.
     */
    public boolean ready() {
        return notReady() == null;
    }

    /** The certificate presented on new tunnels now. */
    public TlsMaterial certificate() {
        return certificate.material();
    }

    /**
     * Presents {@code renewed} on every tunnel made from now on, dialled or accepted; established tunnels keep
     * the certificate they handshook with until it expires (then they are replaced make-before-break).
     *
     * @throws GatewayException when {@code renewed} is not this cluster's gateway certificate or makes no TLS
     *                          context; the certificate in use stays
     */
    public void useCertificate(TlsMaterial renewed) {
        GatewayConfig.requireGatewayOf(config.clusterId(), renewed);
        certificate.use(renewed);
        LOG.info("cluster={} gateway={} new tunnels present certificate serial {} (notAfter {})", config.clusterId(),
                config.name(), renewed.certificate().getSerialNumber().toString(16),
                renewed.certificate().getNotAfter().toInstant());
    }

    private String notReady() {
        String reason = notReady;
        if (reason != null) {
            return reason;
        }
        X509Certificate own = certificate.material().certificate();
        if (!clock.instant().isBefore(own.getNotAfter().toInstant())) {
            return "certificate serial " + own.getSerialNumber().toString(16) + " expired at "
                    + own.getNotAfter().toInstant();
        }
        return null;
    }

    /** The Prometheus text exposition of this gateway's metrics. */
    public String scrapeMetrics() {
        return metrics.scrape();
    }

    /** Flows open now: client connections on listeners plus streams served for peers. */
    public int openFlows() {
        return listeners.openConnections() + tunnelServer.activeStreams();
    }

    /** Drains with the configured deadline ({@link GatewayTuning#drainTimeout()}), then stops. */
    @Override
    public void close() {
        drain(config.tuning().drainTimeout());
    }

    /**
     * Graceful drain: not ready, no new flows (listeners closed, GOAWAY on every tunnel), open flows run until
     * they end or {@code deadline} passes; then everything is closed.
     */
    public synchronized void drain(Duration deadline) {
        if (closed) {
            return;
        }
        closed = true;
        draining = true;
        notReady = "draining";
        planSource.close();
        control.shutdown();
        awaitControl();
        LOG.info("cluster={} gateway={} planVersion={} draining: {} open flows, deadline {}", config.clusterId(),
                config.name(), planVersion(), openFlows(), deadline);
        listeners.closeListeners();
        tunnelServer.drain(deadline);
        tunnels.drain(deadline);
        long end = ticker.nanos() + deadline.toNanos();
        while (openFlows() > 0 && ticker.nanos() - end < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int left = openFlows();
        if (left > 0) {
            LOG.warn("cluster={} gateway={} drain deadline passed with {} open flows; closing them", config.clusterId(),
                    config.name(), left);
        }
        listeners.closeConnections();
        tunnelServer.close();
        admin.close();
        transport.group().shutdownGracefully(0, 500, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        LOG.info("cluster={} gateway={} stopped", config.clusterId(), config.name());
    }

    private void awaitControl() {
        try {
            if (!control.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("cluster={} gateway={} a plan update is still running at drain", config.clusterId(),
                        config.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reports every serving cluster's raw health to the balancer on the PING interval, so that a hold-down
     * starts when a cluster recovers, not when the next connection happens to look at it.
     */
    private void observeHealthPeriodically() {
        long every = config.tuning().pingInterval().toNanos();
        transport.group().next().scheduleAtFixedRate(() -> imports.routes().values().forEach(router::healthyClusters),
                every, every, TimeUnit.NANOSECONDS);
    }

    /** Applies a plan: tunnels, peers, listeners, balancing state. Runs on the control thread only. */
    private void apply(ClusterPlan next) {
        if (draining) {
            return;
        }
        if (!next.clusterId().equals(config.clusterId())) {
            throw new PlanRejectedException("plan version " + next.version() + " is for cluster " + next.clusterId()
                    + ", this gateway belongs to " + config.clusterId());
        }
        ClusterPlan previous = plan;
        if (previous != null && next.version() < previous.version()) {
            throw new PlanRejectedException("plan version " + next.version() + " is older than the version "
                    + previous.version() + " in force");
        }
        Map<Listener, Integer> ports = config.listenerPorts().assign(next);
        balancer.localRegion(ownRegion(next));
        exports = ExportTable.of(next);
        imports = ImportTable.of(next);
        plan = next;
        Set<String> peers = next.gatewayPeers().stream().map(GatewayPeer::clusterId).collect(Collectors.toSet());
        tunnelServer.admitPeers(peers, next.version());
        tunnels.reconcile(next.gatewayPeers(), next.version());
        ListenerDiff diff = listeners.apply(ports, next.version());
        pruneBalancerState(next);
        trackHealth();
        Set<Listener> failed = listeners.failed();
        notReady = failed.isEmpty() ? null : "listeners not bound: " + failed;
        LOG.info("cluster={} gateway={} planVersion={} applied: {} imports, {} listeners (+{} -{}), {} gateway peers",
                config.clusterId(), config.name(), next.version(), next.imports().size(), ports.size(),
                diff.toOpen().size(), diff.toClose().size(), peers.size());
    }

    private String ownRegion(ClusterPlan p) {
        for (ServiceImport i : p.imports()) {
            for (ClusterEndpoints c : i.clusters()) {
                if (c.clusterId().equals(p.clusterId()) && c.region() != null) {
                    return c.region();
                }
            }
        }
        return null;
    }

    private void pruneBalancerState(ClusterPlan p) {
        Set<String> targetKeys = new HashSet<>(tunnels.keys());
        Set<String> pairs = new HashSet<>();
        imports.routes().values().forEach(r -> r.clusters().forEach(sc -> {
            pairs.add(GlobalBalancer.healthKey(r.service(), sc.cluster().clusterId()));
            sc.endpoints().forEach(e -> targetKeys.add(e.key()));
        }));
        balancer.retainOnly(targetKeys, pairs);
        Set<String> servingKeys = new HashSet<>();
        Set<String> servingPairs = new HashSet<>();
        for (ServiceImport i : p.imports()) {
            for (ClusterEndpoints c : i.clusters()) {
                if (c.clusterId().equals(p.clusterId())) {
                    servingPairs.add(GlobalBalancer.healthKey(i.service().toString(), c.clusterId()));
                    i.ports().forEach(port -> {
                        ExportTable.Lookup l = exports.lookup(i.service(), port.port());
                        if (l instanceof ExportTable.Served) {
                            ((ExportTable.Served) l).endpoints().forEach(e -> servingKeys.add(e.key()));
                        }
                    });
                }
            }
        }
        servingBalancer.retainOnly(servingKeys, servingPairs);
    }

    private void trackHealth() {
        Map<String, IntSupplier> perService = new HashMap<>();
        imports.healthListeners().forEach((service, listeners) -> perService.put(service, () -> {
            int healthy = 0;
            for (Listener listener : listeners) {
                ImportTable.ListenerRoute current = imports.route(listener);
                healthy += current == null ? 0 : router.healthyClusters(current);
            }
            return healthy;
        }));
        metrics.trackHealthyClusters(perService);
        Map<String, Set<String>> servingClusters = new HashMap<>();
        imports.routes().values().forEach(r -> r.clusters().forEach(sc -> servingClusters
                .computeIfAbsent(r.service(), s -> new HashSet<>()).add(sc.cluster().clusterId())));
        metrics.initializeBalancingCounters(servingClusters);
    }

    /** Hands plans from the source to the control thread. */
    private final class PlanUpdates implements PlanListener {
        @Override
        public void planUpdated(ClusterPlan next) {
            control.execute(() -> {
                try {
                    apply(next);
                } catch (PlanRejectedException e) {
                    LOG.error("cluster={} gateway={} planVersion={} plan from {} rejected: {}", config.clusterId(),
                            config.name(), next.version(), planSource.describe(), e.getMessage());
                } catch (RuntimeException e) {
                    LOG.error("cluster={} gateway={} planVersion={} plan from {} could not be applied",
                            config.clusterId(), config.name(), next.version(), planSource.describe(), e);
                }
            });
        }

        @Override
        public void certificateRenewed(TlsMaterial material) {
            try {
                useCertificate(material);
            } catch (GatewayException e) {
                LOG.error("cluster={} gateway={} renewed certificate from {} not used: {}", config.clusterId(),
                        config.name(), planSource.describe(), e.getMessage());
            }
        }

        @Override
        public void certificateRenewalFailed(String reason) {
            metrics.certificateRenewalFailed();
        }

        @Override
        public void planUnavailable(String reason) {
            LOG.warn("cluster={} gateway={} planVersion={} plan source {}: {}; keeping the plan in force",
                    config.clusterId(), config.name(), planVersion(), planSource.describe(), reason);
        }
    }
}
