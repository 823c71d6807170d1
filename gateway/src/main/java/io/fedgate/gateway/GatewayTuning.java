package io.fedgate.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * Timings and thresholds of a gateway. The defaults detect a dead peer in under a second (PING every 200 ms,
 * no new flows after 600 ms without an answer) so traffic moves away from a failed cluster within a second.
 *
 * @param pingInterval             HTTP/2 PING interval on every tunnel
 * @param pingTimeout              a tunnel without PING answer for this long takes no new flows; it is closed and
 *                                 redialled after {@code TunnelTimeoutHandler.DEFAULT_CLOSE_AFTER_TIMEOUTS} times
 *                                 this long (a peer that is only slow keeps its flows)
 * @param connectTimeout           TCP connect timeout (tunnels and backends)
 * @param streamOpenTimeout        how long a tunnel stream may wait for the serving gateway's answer
 * @param reconnectBackoffBase     first redial delay; doubles per failed attempt, with jitter
 * @param reconnectBackoffMax      longest redial delay
 * @param holdDown                 a recovered serving cluster takes traffic back only after this long healthy
 * @param ejectAfterFailures       consecutive connect failures that eject an endpoint or peer gateway
 * @param ejectionBase             first ejection period; doubles on repeat
 * @param ejectionMax              longest ejection period
 * @param maxAttempts              tries per new connection (first choice and retries)
 * @param maxAttemptsPerCluster    tries spent in one cluster before the next choice
 * @param drainTimeout             on close, how long open flows may run after GOAWAY
 * @param eventLoopThreads         Netty event loops (0: twice the cores)
 */
public record GatewayTuning(Duration pingInterval, Duration pingTimeout, Duration connectTimeout,
                            Duration streamOpenTimeout, Duration reconnectBackoffBase, Duration reconnectBackoffMax,
                            Duration holdDown, int ejectAfterFailures, Duration ejectionBase, Duration ejectionMax,
                            int maxAttempts, int maxAttemptsPerCluster, Duration drainTimeout, int eventLoopThreads) {

    /** Defaults for production: sub-second failover, 5 s hold-down, 20 s drain. */
    public static final GatewayTuning DEFAULT = new GatewayTuning(Duration.ofMillis(200), Duration.ofMillis(600),
            Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofSeconds(5),
            Duration.ofSeconds(5), 3, Duration.ofSeconds(2), Duration.ofSeconds(60), 3, 2, Duration.ofSeconds(20), 0);

    /** @throws IllegalArgumentException naming the field and value out of range */
    public GatewayTuning {
        positive("pingInterval", pingInterval);
        positive("pingTimeout", pingTimeout);
        positive("connectTimeout", connectTimeout);
        positive("streamOpenTimeout", streamOpenTimeout);
        positive("reconnectBackoffBase", reconnectBackoffBase);
        positive("reconnectBackoffMax", reconnectBackoffMax);
        Objects.requireNonNull(holdDown, "holdDown");
        positive("ejectionBase", ejectionBase);
        positive("ejectionMax", ejectionMax);
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (pingTimeout.compareTo(pingInterval) < 0) {
            throw new IllegalArgumentException("pingTimeout (" + pingTimeout + ") must be >= pingInterval ("
                    + pingInterval + ")");
        }
        if (reconnectBackoffMax.compareTo(reconnectBackoffBase) < 0) {
            throw new IllegalArgumentException("reconnectBackoffMax (" + reconnectBackoffMax
                    + ") must be >= reconnectBackoffBase (" + reconnectBackoffBase + ")");
        }
        if (eventLoopThreads < 0) {
            throw new IllegalArgumentException("eventLoopThreads (" + eventLoopThreads + ") must be >= 0");
        }
    }

    /** These timings with another hold-down. */
    public GatewayTuning withHoldDown(Duration newHoldDown) {
        return new GatewayTuning(pingInterval, pingTimeout, connectTimeout, streamOpenTimeout, reconnectBackoffBase,
                reconnectBackoffMax, newHoldDown, ejectAfterFailures, ejectionBase, ejectionMax, maxAttempts,
                maxAttemptsPerCluster, drainTimeout, eventLoopThreads);
    }

    /** These timings with another drain deadline. */
    public GatewayTuning withDrainTimeout(Duration newDrainTimeout) {
        return new GatewayTuning(pingInterval, pingTimeout, connectTimeout, streamOpenTimeout, reconnectBackoffBase,
                reconnectBackoffMax, holdDown, ejectAfterFailures, ejectionBase, ejectionMax, maxAttempts,
                maxAttemptsPerCluster, newDrainTimeout, eventLoopThreads);
    }

    /** These timings with another number of event loops. */
    public GatewayTuning withEventLoopThreads(int threads) {
        return new GatewayTuning(pingInterval, pingTimeout, connectTimeout, streamOpenTimeout, reconnectBackoffBase,
                reconnectBackoffMax, holdDown, ejectAfterFailures, ejectionBase, ejectionMax, maxAttempts,
                maxAttemptsPerCluster, drainTimeout, threads);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " (" + d + ") must be positive");
        }
    }
}
