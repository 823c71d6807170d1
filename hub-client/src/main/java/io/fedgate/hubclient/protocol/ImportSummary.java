package io.fedgate.hubclient.protocol;

import java.util.List;

/**
 * One line of {@code GET /v1/imports}: a service every cluster imports.
 *
 * @param service  {@code namespace/name}
 * @param type     the oldest export's type
 * @param clusters the exporting clusters, oldest export first (the one whose definition wins conflicts)
 */
public record ImportSummary(String service, String type, List<String> clusters) {
    public ImportSummary {
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
    }
}
