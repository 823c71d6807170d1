package io.fedgate.api.metrics;

import java.util.List;

/**
 * Prometheus metric and label names of fedgate. Micrometer names are written with dots and turned into
 * these by the Prometheus registry; the constants here are the exported (scraped) names that dashboards
 * and alerts use, and {@link #micrometerName(String)} gives the name to register.
 */
public final class MetricNames {
    private MetricNames() {
    }

    // labels
    /** The cluster the reporting component belongs to. */
    public static final String LABEL_CLUSTER = "cluster";
    /** The peer cluster of a tunnel. */
    public static final String LABEL_PEER_CLUSTER = "peer_cluster";
    /** The peer gateway of a tunnel. */
    public static final String LABEL_PEER = "peer";
    /** Traffic direction: {@code tx} or {@code rx}. */
    public static final String LABEL_DIRECTION = "direction";
    /** An import, as {@code namespace/name}. */
    public static final String LABEL_SERVICE = "service";
    /** The cluster traffic moved away from. */
    public static final String LABEL_FROM_CLUSTER = "from_cluster";
    /** The cluster traffic moved to. */
    public static final String LABEL_TO_CLUSTER = "to_cluster";
    /** A Kubernetes object kind written by the agent. */
    public static final String LABEL_KIND = "kind";
    /** A Hazelcast map of the hub's state. */
    public static final String LABEL_MAP = "map";
    /** Why something was refused, e.g. {@code unknown_endpoint}. */
    public static final String LABEL_REASON = "reason";
    /** Label: a data path ({@code routed}, {@code gateway}). */
    public static final String LABEL_PATH = "path";
    /** Label: how an observation or a programming pass ended. */
    public static final String LABEL_OUTCOME = "outcome";

    // gateway
    /** Gauge 1/0: the tunnel to a peer gateway is established and answering PINGs. */
    public static final String TUNNEL_UP = "fedgate_tunnel_up";
    /** Histogram of HTTP/2 PING round trips to a peer gateway. */
    public static final String TUNNEL_RTT_SECONDS = "fedgate_tunnel_rtt_seconds";
    /** Counter of payload bytes carried through a tunnel, by direction. */
    public static final String TUNNEL_BYTES_TOTAL = "fedgate_tunnel_bytes_total";
    /** Gauge of flows (streams) open on a tunnel. */
    public static final String TUNNEL_STREAMS_ACTIVE = "fedgate_tunnel_streams_active";
    /**
     * Counter of tunnel streams a serving gateway refused against its plan, by reason ({@code not_exported},
     * {@code unknown_port}, {@code unknown_endpoint}, {@code no_ready_endpoints}).
     */
    public static final String TUNNEL_STREAMS_REFUSED_TOTAL = "fedgate_tunnel_streams_refused_total";
    /**
     * Gauge of seconds until the earlier of the two certificates a tunnel's current connection handshook with
     * expires; the gateway replaces the connection then.
     */
    public static final String TUNNEL_CERT_EXPIRY_SECONDS = "fedgate_tunnel_cert_expiry_seconds";
    /** Counter of connections a gateway's balancer sent to another cluster than its first choice. */
    public static final String LB_FAILOVERS_TOTAL = "fedgate_lb_failovers_total";
    /** Counter of endpoints or peers ejected by passive outlier detection. */
    public static final String LB_EJECTIONS_TOTAL = "fedgate_lb_ejections_total";
    /** Counter of client connections accepted by a gateway listener, by chosen serving cluster. */
    public static final String LB_CONNECTIONS_TOTAL = "fedgate_lb_connections_total";
    /** Gauge of serving clusters currently healthy for an import, as a gateway sees them. */
    public static final String LB_HEALTHY_CLUSTERS = "fedgate_lb_healthy_clusters";

    // hub
    /** Gauge of clusters known to the hub. */
    public static final String HUB_CLUSTERS = "fedgate_hub_clusters";
    /** Gauge of clusters whose lease is current. */
    public static final String HUB_CLUSTERS_LIVE = "fedgate_hub_clusters_live";
    /** Gauge of exported services across the cluster set. */
    public static final String HUB_EXPORTS = "fedgate_hub_exports";
    /** Gauge of imports across the cluster set (distinct services). */
    public static final String HUB_IMPORTS = "fedgate_hub_imports";
    /** Gauge of the newest plan version per cluster. */
    public static final String HUB_PLAN_VERSION = "fedgate_hub_plan_version";
    /** Counter of lease expiries per cluster. */
    public static final String HUB_LEASE_EXPIRIES_TOTAL = "fedgate_hub_lease_expiries_total";
    /** Counter of values a hub member read from Hazelcast and refused (forged, copied, replayed), by map. */
    public static final String HUB_STATE_INTEGRITY_FAILURES_TOTAL = "fedgate_hub_state_integrity_failures_total";
    /** Gauge of Hazelcast members this hub member sees. */
    public static final String HUB_MEMBERS = "fedgate_hub_members";
    /** Gauge of cluster pairs whose agents both report interconnection, by {@code path} (routed, gateway). */
    public static final String HUB_ROUTED_PAIRS = "fedgate_hub_routed_pairs";
    /** Counter of refused anonymous calls (joins, calls without a valid certificate), by reason. */
    public static final String HUB_ANONYMOUS_REFUSALS_TOTAL = "fedgate_hub_anonymous_refusals_total";
    /** Gauge of joins this hub member is handling now (bounded by {@code join.maxInFlight}). */
    public static final String HUB_JOINS_IN_FLIGHT = "fedgate_hub_joins_in_flight";
    /** Gauge of seconds until the component's own certificate expires. */
    public static final String CERT_EXPIRY_SECONDS = "fedgate_cert_expiry_seconds";
    /** Counter of failed attempts to renew the component's own certificate (each is retried with backoff). */
    public static final String CERT_RENEWAL_FAILURES_TOTAL = "fedgate_cert_renewal_failures_total";

    // agent
    /** Gauge of the plan version the agent has applied. */
    public static final String AGENT_PLAN_VERSION = "fedgate_agent_plan_version";
    /** Gauge of seconds between a local change and its acceptance by the hub. */
    public static final String AGENT_SYNC_LAG_SECONDS = "fedgate_agent_sync_lag_seconds";
    /** Counter of Kubernetes writes by kind. */
    public static final String AGENT_WRITES_TOTAL = "fedgate_agent_writes_total";
    /** Gauge 1/0: the agent holds a live watch on the hub. */
    public static final String AGENT_HUB_CONNECTED = "fedgate_agent_hub_connected";
    /** Counter of looks at interconnection by {@code outcome} (healthy, unhealthy, refused, not_reported). */
    public static final String AGENT_IC_OBSERVATIONS_TOTAL = "fedgate_agent_interconnect_observations_total";
    /** Gauge 1/0: an ovn-ic daemon serves this cluster's AZ, as last observed. */
    public static final String AGENT_IC_DAEMON_ACTIVE = "fedgate_agent_interconnect_daemon_active";
    /** Gauge of the prefixes ovn-ic learned into this cluster's NB, as last observed. */
    public static final String AGENT_IC_LEARNED_PREFIXES = "fedgate_agent_interconnect_learned_prefixes";
    /** Gauge of the interconnection problems the agent reports (foreign rows, config, unreachable databases). */
    public static final String AGENT_IC_PROBLEMS = "fedgate_agent_interconnect_problems";
    /** Counter of fedgate-mode programming passes of the AZ by {@code outcome} (applied, failed). */
    public static final String AGENT_IC_PROGRAMMING_TOTAL = "fedgate_agent_interconnect_programming_total";

    /** Every metric name above, for checks that dashboards name only metrics that exist. */
    public static final List<String> ALL = List.of(
            TUNNEL_UP, TUNNEL_RTT_SECONDS, TUNNEL_BYTES_TOTAL, TUNNEL_STREAMS_ACTIVE, TUNNEL_STREAMS_REFUSED_TOTAL,
            LB_FAILOVERS_TOTAL,
            LB_EJECTIONS_TOTAL, LB_CONNECTIONS_TOTAL, LB_HEALTHY_CLUSTERS, HUB_CLUSTERS, HUB_CLUSTERS_LIVE,
            HUB_EXPORTS, HUB_IMPORTS, HUB_PLAN_VERSION, HUB_LEASE_EXPIRIES_TOTAL, HUB_MEMBERS,
            HUB_ANONYMOUS_REFUSALS_TOTAL, HUB_JOINS_IN_FLIGHT, CERT_EXPIRY_SECONDS, HUB_STATE_INTEGRITY_FAILURES_TOTAL,
            CERT_RENEWAL_FAILURES_TOTAL, TUNNEL_CERT_EXPIRY_SECONDS,
            AGENT_PLAN_VERSION, AGENT_SYNC_LAG_SECONDS, AGENT_WRITES_TOTAL, AGENT_HUB_CONNECTED, HUB_ROUTED_PAIRS,
            AGENT_IC_OBSERVATIONS_TOTAL, AGENT_IC_DAEMON_ACTIVE, AGENT_IC_LEARNED_PREFIXES, AGENT_IC_PROBLEMS,
            AGENT_IC_PROGRAMMING_TOTAL);

    /**
     * The Micrometer meter name whose Prometheus rendering is {@code prometheusName}: underscores become dots
     * and the {@code _total}/{@code _seconds} suffixes the registry adds are dropped (base unit seconds is kept
     * by registering timers/gauges with that unit in the name's tail).
     */
    public static String micrometerName(String prometheusName) {
        String n = prometheusName;
        if (n.endsWith("_total")) {
            n = n.substring(0, n.length() - "_total".length());
        }
        return n.replace('_', '.');
    }
}
