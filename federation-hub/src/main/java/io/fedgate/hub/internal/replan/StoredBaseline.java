package io.fedgate.hub.internal.replan;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fedgate.api.codec.DocumentCodec;
import io.fedgate.api.codec.FederationJson;
import io.fedgate.api.codec.ModelReaders;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.ExportStatus;
import io.fedgate.api.model.GatewayPeer;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.hub.internal.state.ClusterContent;
import io.fedgate.hub.internal.state.HubState;
import io.fedgate.hub.internal.state.ServiceContent;
import io.fedgate.hub.internal.state.StoredContent;
import io.fedgate.hub.planning.FederationPlan;
import io.fedgate.hub.planning.InterconnectGroup;
import io.fedgate.hub.planning.PathDecision;
import io.fedgate.hub.planning.PathReason;
import io.fedgate.hub.planning.PathTable;
import io.fedgate.hub.planning.ServicePlan;
import io.fedgate.hub.planning.TransitAllocations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the clusters hold, read back from the stored pieces by a new leader, so that its first run sends deltas
 * rather than a whole plan to every watcher. Only what {@link PlanChanges} compares is rebuilt: each service's
 * variants, each cluster's statuses, peers and paths (path reasons are not stored and come back generic), the
 * interconnect plan. Unknown (null) when a piece is newer than the committed run (a leader died storing it) or
 * unreadable: every cluster then resyncs.
 */
final class StoredBaseline {
    private static final DocumentCodec<ServiceImport> IMPORT = DocumentCodec.of("ServiceImport",
            ModelReaders::serviceImport);
    private static final ObjectMapper MAPPER = FederationJson.mapper();

    private StoredBaseline() {
    }

    /** The plan the pieces describe as of {@code committed}, or null when it cannot be known. */
    static FederationPlan load(Map<String, StoredContent> pieces, long committed) {
        try {
            return read(pieces, committed);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static FederationPlan read(Map<String, StoredContent> pieces, long committed) throws IOException {
        SortedMap<ServiceKey, ServicePlan> services = new TreeMap<>();
        Map<String, ClusterContent> clusters = new TreeMap<>();
        InterconnectPlan interconnect = InterconnectPlan.EMPTY;
        for (Map.Entry<String, StoredContent> entry : pieces.entrySet()) {
            StoredContent stored = entry.getValue();
            if (stored.run() > committed) {
                return null;
            }
            Object value = stored.asOf(committed);
            if (value == StoredContent.ABSENT) {
                continue;
            }
            String key = entry.getKey();
            if (value instanceof ServiceContent service) {
                List<ServiceImport> variants = new ArrayList<>();
                for (byte[] variant : service.variants()) {
                    variants.add(IMPORT.decode(variant));
                }
                ServiceKey serviceKey = variants.get(0).service();
                services.put(serviceKey, new ServicePlan(serviceKey, variants));
            } else if (value instanceof ClusterContent cluster) {
                clusters.put(key.substring(ContentView.clusterKey("").length()), cluster);
            } else if (key.equals(HubState.INTERCONNECT_KEY) && value instanceof byte[] json) {
                interconnect = MAPPER.readValue(json, InterconnectPlan.class);
            }
        }
        List<String> ids = new ArrayList<>(clusters.keySet());
        List<PathDecision> decisions = new ArrayList<>(ids.size() * ids.size());
        Map<String, List<ExportStatus>> statuses = new HashMap<>();
        Map<String, List<GatewayPeer>> peers = new HashMap<>();
        for (String client : ids) {
            ClusterContent cluster = clusters.get(client);
            for (String server : ids) {
                Byte path = cluster.paths().get(server);
                if (path == null) {
                    return null;
                }
                decisions.add(PathDecision.of(client, server, reasonFor(DataPath.values()[path])));
            }
            List<ExportStatus> status = MAPPER.readValue(cluster.exportStatus(), new TypeReference<>() { });
            if (!status.isEmpty()) {
                statuses.put(client, status);
            }
            peers.put(client, MAPPER.readValue(cluster.gatewayPeers(), new TypeReference<List<GatewayPeer>>() { }));
        }
        return new FederationPlan(ids, services, statuses, peers, interconnect, TransitAllocations.EMPTY,
                InterconnectGroup.EMPTY, new PathTable(ids, decisions));
    }

    private static PathReason reasonFor(DataPath path) {
        return switch (path) {
            case DIRECT -> PathReason.SAME_CLUSTER;
            case ROUTED -> PathReason.INTERCONNECT_GROUP;
            case GATEWAY -> PathReason.OVERLAPPING_PREFIXES;
        };
    }
}
