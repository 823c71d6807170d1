package io.fedgate.gateway.internal.admin;

import java.util.function.Supplier;

/**
 * What the admin endpoint serves.
 *
 * @param metrics   the Prometheus text exposition
 * @param notReady  why the gateway is not ready, or null when it is
 */
public record AdminEndpoints(Supplier<String> metrics, Supplier<String> notReady) {
}
