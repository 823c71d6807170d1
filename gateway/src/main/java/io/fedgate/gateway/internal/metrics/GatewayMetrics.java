package io.fedgate.gateway.internal.metrics;

import static io.fedgate.api.metrics.MetricNames.LABEL_CLUSTER;
import static io.fedgate.api.metrics.MetricNames.LABEL_DIRECTION;
import static io.fedgate.api.metrics.MetricNames.LABEL_FROM_CLUSTER;
import static io.fedgate.api.metrics.MetricNames.LABEL_PEER;
import static io.fedgate.api.metrics.MetricNames.LABEL_PEER_CLUSTER;
import static io.fedgate.api.metrics.MetricNames.LABEL_REASON;
import static io.fedgate.api.metrics.MetricNames.LABEL_SERVICE;
import static io.fedgate.api.metrics.MetricNames.LABEL_TO_CLUSTER;
import static io.fedgate.api.metrics.MetricNames.micrometerName;

import io.fedgate.api.metrics.MetricNames;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.gateway.internal.balancing.BalancingListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** The gateway's meters; see the package documentation for names and labels. Thread-safe. */
public final class GatewayMetrics implements BalancingListener {
    /** Direction label value: bytes sent into the tunnel. */
    public static final String TX = "tx";
    /** Direction label value: bytes received from the tunnel. */
    public static final String RX = "rx";
    private static final Duration[] RTT_BUCKETS = {
        Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2),
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1)
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final String cluster;
    private final Map<Tags, AtomicInteger> gaugeValues = new ConcurrentHashMap<>();
    private final Map<String, Meter> healthGauges = new ConcurrentHashMap<>();
    /** The served-connections counter by (service, serving cluster): looked up on every new connection. */
    private final Map<Served, Counter> servedCounters = new ConcurrentHashMap<>();
    private final Map<Tags, AtomicLong> tunnelCertificateExpiries = new ConcurrentHashMap<>();
    private final Clock clock;

    /** Meters of {@code cluster}'s gateway on the system clock. */
    public GatewayMetrics(String cluster) {
        this(cluster, Clock.systemUTC());
    }

    /** @param clock the time certificate expiries are counted down from */
    public GatewayMetrics(String cluster, Clock clock) {
        this.cluster = cluster;
        this.clock = clock;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** Tunnel to {@code peer} of {@code peerCluster} is up (1) or down (0). */
    public void tunnelUp(String peerCluster, String peer, boolean up) {
        gauge(MetricNames.TUNNEL_UP, tunnelTags(peerCluster, peer)).set(up ? 1 : 0);
    }

    /** One PING round trip to {@code peer}. */
    public void tunnelRtt(String peerCluster, String peer, long nanos) {
        Timer.builder(micrometerName(MetricNames.TUNNEL_RTT_SECONDS).replaceFirst("\\.seconds$", ""))
                .tags(tunnelTags(peerCluster, peer))
                .serviceLevelObjectives(RTT_BUCKETS)
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    /** The counter of payload bytes through the tunnel to {@code peer} in {@code direction} ({@link #TX}/{@link #RX}). */
    public Counter tunnelBytes(String peerCluster, String peer, String direction) {
        return Counter.builder(micrometerName(MetricNames.TUNNEL_BYTES_TOTAL))
                .tags(tunnelTags(peerCluster, peer).and(LABEL_DIRECTION, direction))
                .register(registry);
    }

    /** The count of flows open on tunnels to {@code peer}; callers increment and decrement it. */
    public AtomicInteger streamsActive(String peerCluster, String peer) {
        return gauge(MetricNames.TUNNEL_STREAMS_ACTIVE, tunnelTags(peerCluster, peer));
    }

    /** The counter of streams from {@code peerCluster} refused for {@code reason} (e.g. {@code unknown_endpoint}). */
    public Counter streamsRefused(String peerCluster, String reason) {
        return Counter.builder(micrometerName(MetricNames.TUNNEL_STREAMS_REFUSED_TOTAL))
                .tags(Tags.of(LABEL_CLUSTER, cluster, LABEL_PEER_CLUSTER, peerCluster, LABEL_REASON, reason))
                .register(registry);
    }

    /**
     * Reports the expiry of the certificate {@code current} gives ({@code fedgate_cert_expiry_seconds}, negative
     * once expired) and registers the renewal failure counter at zero.
     */
    public void trackCertificate(Supplier<TlsMaterial> current) {
        Gauge.builder(micrometerName(MetricNames.CERT_EXPIRY_SECONDS), current, c -> secondsUntil(
                        c.get().certificate().getNotAfter().toInstant().toEpochMilli()))
                .description("Seconds until this gateway's certificate expires")
                .strongReference(true)
                .tags(Tags.of(LABEL_CLUSTER, cluster)).register(registry);
        renewalFailures();
    }

    /** Counts a failed renewal of this gateway's certificate ({@code fedgate_cert_renewal_failures_total}). */
    public void certificateRenewalFailed() {
        renewalFailures().increment();
    }

    /**
     * The current connection of the tunnel to {@code peer} rests on certificates the earlier of which expires at
     * {@code expiry} ({@code fedgate_tunnel_cert_expiry_seconds}).
     */
    public void tunnelCertificateExpiry(String peerCluster, String peer, Instant expiry) {
        tunnelCertificateExpiries.computeIfAbsent(tunnelTags(peerCluster, peer), tags -> {
            AtomicLong epochMillis = new AtomicLong();
            Gauge.builder(micrometerName(MetricNames.TUNNEL_CERT_EXPIRY_SECONDS), epochMillis,
                    e -> secondsUntil(e.get())).tags(tags).register(registry);
            return epochMillis;
        }).set(expiry.toEpochMilli());
    }

    /** Keeps {@code fedgate_lb_healthy_clusters} for exactly the imports in {@code services}. */
    public void trackHealthyClusters(Map<String, IntSupplier> services) {
        for (Map.Entry<String, IntSupplier> e : services.entrySet()) {
            healthGauges.computeIfAbsent(e.getKey(), s -> Gauge.builder(micrometerName(MetricNames.LB_HEALTHY_CLUSTERS),
                            e.getValue(), IntSupplier::getAsInt)
                    // Micrometer holds gauge objects weakly; the supplier lives nowhere else, and a collected
                    // one turns the gauge into NaN
                    .strongReference(true)
                    .tags(Tags.of(LABEL_CLUSTER, cluster, LABEL_SERVICE, s)).register(registry));
        }
        Set<String> gone = new java.util.HashSet<>(healthGauges.keySet());
        gone.removeAll(services.keySet());
        for (String s : gone) {
            registry.remove(healthGauges.remove(s));
        }
    }

    /**
     * Registers, at zero, the failover counter of every ordered pair of serving clusters and the ejection counter of
     * every serving cluster of each import in {@code servingClusters} (service → serving cluster ids). A labelled
     * counter that first appears at 1 loses its first event to {@code increase()}, and one that never appears
     * leaves the dashboards' failover and ejection panels empty instead of showing zero.
     */
    public void initializeBalancingCounters(Map<String, Set<String>> servingClusters) {
        servingClusters.forEach((service, clusters) -> {
            for (String from : clusters) {
                ejectionCounter(service, from);
                for (String to : clusters) {
                    if (!from.equals(to)) {
                        failoverCounter(service, from, to);
                    }
                }
            }
        });
    }

    @Override
    public void ejected(String service, String clusterId, String targetKey, Duration period) {
        ejectionCounter(service, clusterId).increment();
    }

    @Override
    public void failover(String service, String fromCluster, String toCluster) {
        failoverCounter(service, fromCluster, toCluster).increment();
    }

    @Override
    public void served(String service, String toCluster) {
        servedCounters.computeIfAbsent(new Served(service, toCluster), k ->
                Counter.builder(micrometerName(MetricNames.LB_CONNECTIONS_TOTAL))
                        .tags(LABEL_CLUSTER, cluster, LABEL_SERVICE, service, LABEL_TO_CLUSTER, toCluster)
                        .register(registry)).increment();
    }

    private record Served(String service, String toCluster) {
    }

    private Counter ejectionCounter(String service, String servingCluster) {
        return Counter.builder(micrometerName(MetricNames.LB_EJECTIONS_TOTAL))
                .tags(LABEL_CLUSTER, cluster, LABEL_SERVICE, service, LABEL_PEER_CLUSTER, servingCluster)
                .register(registry);
    }

    private Counter failoverCounter(String service, String fromCluster, String toCluster) {
        return Counter.builder(micrometerName(MetricNames.LB_FAILOVERS_TOTAL))
                .tags(LABEL_CLUSTER, cluster, LABEL_SERVICE, service, LABEL_FROM_CLUSTER, fromCluster,
                        LABEL_TO_CLUSTER, toCluster)
                .register(registry);
    }

    private Counter renewalFailures() {
        return Counter.builder(micrometerName(MetricNames.CERT_RENEWAL_FAILURES_TOTAL))
                .description("Failed attempts to renew this gateway's certificate")
                .tags(LABEL_CLUSTER, cluster).register(registry);
    }

    private double secondsUntil(long epochMillis) {
        return (epochMillis - clock.millis()) / 1000.0;
    }

    private Tags tunnelTags(String peerCluster, String peer) {
        return Tags.of(LABEL_CLUSTER, cluster, LABEL_PEER_CLUSTER, peerCluster, LABEL_PEER, peer);
    }

    private AtomicInteger gauge(String prometheusName, Tags tags) {
        Tags key = tags.and("__name", prometheusName);
        return gaugeValues.computeIfAbsent(key, k -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(micrometerName(prometheusName), value, AtomicInteger::get).tags(tags).register(registry);
            return value;
        });
    }
}
