package io.fedgate.hub.planning;

import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServiceKey;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Every form of one service's import: the import differs between clients only by the path each client takes to
 * each serving cluster, so a service has one variant per distinct vector of paths (usually one or two: the
 * exporters themselves reach their own endpoints directly). A cluster's import of the service is the variant
 * whose paths are the cluster's. This is how one plan of the whole set holds clusters × services imports
 * while storing each distinct one once.
 *
 * @param variants distinct imports of {@code service}, in the order clients (by id) first use them
 */
public record ServicePlan(ServiceKey service, List<ServiceImport> variants) {
    public ServicePlan {
        variants = List.copyOf(variants);
    }

    /**
     * The import {@code clientId} sees, given the path from a client to a serving cluster; null when no
     * variant fits (the paths are not those this plan was made with).
     */
    public ServiceImport importFor(String clientId, BiFunction<String, String, DataPath> path) {
        for (ServiceImport variant : variants) {
            if (fits(variant, clientId, path)) {
                return variant;
            }
        }
        return null;
    }

    /** The import {@code clientId} sees under {@code paths}; null when the client is not in the table. */
    public ServiceImport importFor(String clientId, PathTable paths) {
        int client = paths.indexOf(clientId);
        if (client < 0) {
            return null;
        }
        for (ServiceImport variant : variants) {
            boolean fits = true;
            for (ClusterEndpoints serving : variant.clusters()) {
                int server = paths.indexOf(serving.clusterId());
                if (server < 0 || paths.path(client, server) != serving.path()) {
                    fits = false;
                    break;
                }
            }
            if (fits) {
                return variant;
            }
        }
        return null;
    }

    private static boolean fits(ServiceImport variant, String clientId, BiFunction<String, String, DataPath> path) {
        for (ClusterEndpoints serving : variant.clusters()) {
            if (path.apply(clientId, serving.clusterId()) != serving.path()) {
                return false;
            }
        }
        return true;
    }
}
