package io.fedgate.interconnect.ovsdb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How an {@link OvsdbClient} connects and what it keeps. Build with {@link #builder(String, List)}; every
 * value is checked there, with a message naming the setting and the value.
 *
 * @param database          the database name, e.g. {@code OVN_Northbound}
 * @param endpoints         one endpoint, or every member of a clustered database
 * @param label             names this client in logs and errors, e.g. {@code "az1 NB"}
 * @param monitored         tables kept in the replica
 * @param required          every table and column the caller reads or writes (checked at connect)
 * @param requireLeader     for clustered databases, only talk to the leader (as ovn-northd does)
 * @param random            source of backoff jitter, in [0, 1)
 */
public record OvsdbClientConfig(String database, List<OvsdbEndpoint> endpoints, String label,
                                List<MonitoredTable> monitored, Map<String, Set<String>> required,
                                Duration connectTimeout, Duration requestTimeout, Duration keepaliveInterval,
                                Duration reconnectInitialDelay, Duration reconnectMaxDelay,
                                int maxMessageBytes, int maxPendingRequests, boolean requireLeader,
                                OvsdbTls tls, OvsdbEventLoop eventLoop, DoubleSupplier random) {

    /** Upper bound of one JSON-RPC message read from a server (an initial monitor reply of a big NB). */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
    /** Hard ceiling for {@code maxMessageBytes}. */
    public static final int MAX_MESSAGE_BYTES_LIMIT = 512 * 1024 * 1024;
    /** Requests in flight on one connection before new ones are refused. */
    public static final int DEFAULT_MAX_PENDING_REQUESTS = 4096;
    /** Deadline of one request. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Deadline of one TCP (and TLS) connection attempt. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Idle time after which the client sends an echo; the connection is dropped after twice this. */
    public static final Duration DEFAULT_KEEPALIVE_INTERVAL = Duration.ofSeconds(5);
    /** First reconnect delay; doubles per failed attempt up to {@link #DEFAULT_RECONNECT_MAX_DELAY}. */
    public static final Duration DEFAULT_RECONNECT_INITIAL_DELAY = Duration.ofMillis(100);
    /** Longest reconnect delay. */
    public static final Duration DEFAULT_RECONNECT_MAX_DELAY = Duration.ofSeconds(5);

    public OvsdbClientConfig {
        endpoints = List.copyOf(endpoints);
        monitored = List.copyOf(monitored);
        Map<String, Set<String>> req = new LinkedHashMap<>();
        required.forEach((t, cols) -> req.put(t, Set.copyOf(cols)));
        required = Map.copyOf(req);
    }

    /** Starts a configuration for {@code database} served at {@code endpoints}. */
    public static Builder builder(String database, List<OvsdbEndpoint> endpoints) {
        return new Builder(database, endpoints);
    }

    /** Builds an {@link OvsdbClientConfig}, validating on {@link #build()}. */
    public static final class Builder {
        private final String database;
        private final List<OvsdbEndpoint> endpoints;
        private String label;
        private final List<MonitoredTable> monitored = new ArrayList<>();
        private final Map<String, Set<String>> required = new LinkedHashMap<>();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration keepaliveInterval = DEFAULT_KEEPALIVE_INTERVAL;
        private Duration reconnectInitialDelay = DEFAULT_RECONNECT_INITIAL_DELAY;
        private Duration reconnectMaxDelay = DEFAULT_RECONNECT_MAX_DELAY;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private int maxPendingRequests = DEFAULT_MAX_PENDING_REQUESTS;
        private boolean requireLeader = true;
        private OvsdbTls tls;
        private OvsdbEventLoop eventLoop;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder(String database, List<OvsdbEndpoint> endpoints) {
            this.database = database;
            this.endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        }

        /** Names the client in logs and errors. */
        public Builder label(String label) {
            this.label = label;
            return this;
        }

        /** Keeps {@code columns} of every row of {@code table} in the replica (and requires them). */
        public Builder monitor(String table, String... columns) {
            return monitorWhere(table, List.of(), columns);
        }

        /** Keeps {@code columns} of the rows of {@code table} matching {@code where} in the replica. */
        public Builder monitorWhere(String table, List<Condition> where, String... columns) {
            monitored.add(new MonitoredTable(table, Arrays.asList(columns), where));
            return require(table, columns);
        }

        /** Requires {@code columns} of {@code table} to exist in the server's schema. */
        public Builder require(String table, String... columns) {
            required.computeIfAbsent(table, t -> new LinkedHashSet<>()).addAll(Arrays.asList(columns));
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder requestTimeout(Duration d) {
            this.requestTimeout = d;
            return this;
        }

        /** Idle time before an echo; {@link Duration#ZERO} turns the keepalive off. */
        public Builder keepaliveInterval(Duration d) {
            this.keepaliveInterval = d;
            return this;
        }

        public Builder reconnectBackoff(Duration initial, Duration max) {
            this.reconnectInitialDelay = initial;
            this.reconnectMaxDelay = max;
            return this;
        }

        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = bytes;
            return this;
        }

        public Builder maxPendingRequests(int n) {
            this.maxPendingRequests = n;
            return this;
        }

        public Builder requireLeader(boolean b) {
            this.requireLeader = b;
            return this;
        }

        public Builder tls(OvsdbTls tls) {
            this.tls = tls;
            return this;
        }

        /** Shares I/O threads with other clients; without it the client starts (and stops) its own thread. */
        public Builder eventLoop(OvsdbEventLoop loop) {
            this.eventLoop = loop;
            return this;
        }

        /** Source of jitter for reconnect delays (tests pass a fixed value). */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** Validates and builds. */
        public OvsdbClientConfig build() {
            if (database == null || database.isBlank()) {
                throw new IllegalArgumentException("database name must not be empty");
            }
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException(database + ": at least one endpoint is needed");
            }
            positive("connectTimeout", connectTimeout);
            positive("requestTimeout", requestTimeout);
            positive("reconnectInitialDelay", reconnectInitialDelay);
            positive("reconnectMaxDelay", reconnectMaxDelay);
            if (keepaliveInterval == null || keepaliveInterval.isNegative()) {
                throw new IllegalArgumentException("keepaliveInterval (" + keepaliveInterval + ") must be >= 0");
            }
            if (reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
                throw new IllegalArgumentException("reconnectMaxDelay (" + reconnectMaxDelay
                        + ") must be >= reconnectInitialDelay (" + reconnectInitialDelay + ")");
            }
            if (maxMessageBytes < 1024 || maxMessageBytes > MAX_MESSAGE_BYTES_LIMIT) {
                throw new IllegalArgumentException("maxMessageBytes (" + maxMessageBytes + ") must be in 1024.."
                        + MAX_MESSAGE_BYTES_LIMIT);
            }
            if (maxPendingRequests < 1 || maxPendingRequests > 1_000_000) {
                throw new IllegalArgumentException("maxPendingRequests (" + maxPendingRequests + ") must be in 1..1000000");
            }
            boolean needsTls = endpoints.stream().anyMatch(e -> e.transport() == OvsdbEndpoint.Transport.SSL);
            if (needsTls && tls == null) {
                throw new IllegalArgumentException(database + ": ssl: endpoint " + endpoints
                        + " needs TLS files (private key, certificate, CA certificate)");
            }
            String l = label == null || label.isBlank() ? database : label;
            return new OvsdbClientConfig(database, endpoints, l, monitored, required, connectTimeout, requestTimeout,
                    keepaliveInterval, reconnectInitialDelay, reconnectMaxDelay, maxMessageBytes, maxPendingRequests,
                    requireLeader, tls == null ? null : tls.validated(), eventLoop, random);
        }

        private static void positive(String name, Duration d) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " (" + d + ") must be > 0");
            }
        }
    }
}
