package io.fedgate.hub.planning;

import io.fedgate.api.model.DataPath;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The path decision of every ordered cluster pair (client → server), computed once per plan so that
 * imports look paths up instead of recomputing overlaps per service.
 */
public final class PathTable {
    private final List<String> clusterIds;
    private final Map<String, Integer> indexOfId;
    private final PathDecision[] decisions;
    /** The decisions' paths alone, so that the per-import hot loop reads one array. */
    private final DataPath[] paths;

    /**
     * @param clusterIds sorted cluster ids
     * @param decisions  row-major: the decision of client {@code i} and server {@code j} at {@code i * n + j}
     * @throws IllegalArgumentException when the sizes do not match or the ids are not sorted and unique
     */
    public PathTable(List<String> clusterIds, List<PathDecision> decisions) {
        this.clusterIds = List.copyOf(clusterIds);
        int n = this.clusterIds.size();
        if (decisions.size() != n * n) {
            throw new IllegalArgumentException("path table for " + n + " clusters needs " + n * n
                    + " decisions, got " + decisions.size());
        }
        this.indexOfId = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            if (i > 0 && this.clusterIds.get(i - 1).compareTo(this.clusterIds.get(i)) >= 0) {
                throw new IllegalArgumentException("cluster ids must be sorted and unique, \""
                        + this.clusterIds.get(i - 1) + "\" comes before \"" + this.clusterIds.get(i) + "\"");
            }
            indexOfId.put(this.clusterIds.get(i), i);
        }
        this.decisions = decisions.toArray(PathDecision[]::new);
        this.paths = new DataPath[this.decisions.length];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = this.decisions[i].path();
        }
    }

    /** The clusters of this table, sorted. */
    public List<String> clusterIds() {
        return clusterIds;
    }

    /** The position of {@code clusterId} in {@link #clusterIds()}, or -1. */
    public int indexOf(String clusterId) {
        return indexOfId.getOrDefault(clusterId, -1);
    }

    /** The path from client to server by their positions in {@link #clusterIds()}. */
    public DataPath path(int client, int server) {
        return paths[client * clusterIds.size() + server];
    }

    /** The path from {@code clientId} to {@code serverId}. */
    public DataPath path(String clientId, String serverId) {
        return decision(clientId, serverId).path();
    }

    /**
     * The decision for {@code clientId} → {@code serverId}, with its reason.
     *
     * @throws IllegalArgumentException when either cluster is not in the table
     */
    public PathDecision decision(String clientId, String serverId) {
        return decisions[index(clientId) * clusterIds.size() + index(serverId)];
    }

    private int index(String clusterId) {
        Integer index = indexOfId.get(clusterId);
        if (index == null) {
            throw new IllegalArgumentException("cluster \"" + clusterId + "\" is not in the path table");
        }
        return index;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathTable t && clusterIds.equals(t.clusterIds) && Arrays.equals(decisions, t.decisions);
    }

    @Override
    public int hashCode() {
        return 31 * clusterIds.hashCode() + Arrays.hashCode(decisions);
    }

    @Override
    public String toString() {
        return "PathTable[" + clusterIds.size() + " clusters]";
    }
}
