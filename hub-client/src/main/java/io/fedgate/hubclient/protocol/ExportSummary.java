package io.fedgate.hubclient.protocol;

import java.time.Instant;

/**
 * One line of {@code GET /v1/exports}: one cluster's export of one service.
 *
 * @param service        {@code namespace/name}
 * @param type           {@code ClusterSetIP} or {@code Headless}
 * @param endpoints      endpoints reported
 * @param readyEndpoints of which ready
 */
public record ExportSummary(String service, String clusterId, String type, Instant exportedAt, int endpoints,
                            long readyEndpoints) {
}
