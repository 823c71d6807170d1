package io.fedgate.hub.internal.replan;

import io.fedgate.api.model.ServiceKey;
import io.fedgate.hub.internal.sealing.SealedMap;
import io.fedgate.hub.internal.state.ClusterContent;
import io.fedgate.hub.internal.state.HubState;
import io.fedgate.hub.internal.state.ServiceContent;
import io.fedgate.hub.internal.state.StoredContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A member-local copy of the shared plan pieces, read after run {@code readAfter} was committed, so it holds
 * every piece of that run or later (each {@link StoredContent} keeps the value before the newest). Assembles
 * whole plans without decoding any import. Immutable.
 *
 * @param readAfter the committed run read before the pieces were
 */
record ContentView(long readAfter, Map<String, StoredContent> clusters, StoredContent interconnect,
                   SortedMap<ServiceKey, StoredContent> services) {
    private static final String SERVICE = "s:";
    private static final String CLUSTER = "c:";
    private static final byte[] EMPTY_INTERCONNECT = "{\"version\":0,\"transitSwitches\":[],\"zones\":[]}"
            .getBytes(StandardCharsets.UTF_8);

    /** The key of a service's variants in {@link HubState#PLAN_CONTENT}. */
    static String serviceKey(ServiceKey service) {
        return SERVICE + service;
    }

    /** The key of a cluster's own part in {@link HubState#PLAN_CONTENT}. */
    static String clusterKey(String clusterId) {
        return CLUSTER + clusterId;
    }

    /** Reads every piece; {@code committed} must have been read before. */
    static ContentView read(SealedMap<String, StoredContent> content, long committed) {
        Map<String, StoredContent> clusters = new HashMap<>();
        SortedMap<ServiceKey, StoredContent> services = new TreeMap<>();
        StoredContent interconnect = null;
        for (Map.Entry<String, StoredContent> entry : content.toMap().entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(SERVICE)) {
                services.put(ServiceKey.parse(key.substring(SERVICE.length())), entry.getValue());
            } else if (key.startsWith(CLUSTER)) {
                clusters.put(key.substring(CLUSTER.length()), entry.getValue());
            } else if (key.equals(HubState.INTERCONNECT_KEY)) {
                interconnect = entry.getValue();
            }
        }
        return new ContentView(committed, clusters, interconnect, services);
    }

    /**
     * The plan of {@code clusterId} as of run {@code committed}, labelled {@code version}; null when a piece is
     * not held as of that run (changed twice since this view was read, or the cluster has no part).
     */
    PlanFeed.Snapshot assemble(String clusterId, long version, long committed) {
        Object part = asOf(clusters.get(clusterId), committed);
        if (!(part instanceof ClusterContent own)) {
            return null;
        }
        Object layout = asOf(interconnect, committed);
        if (layout == null) {
            return null;
        }
        List<byte[]> imports = new ArrayList<>(services.size());
        for (StoredContent stored : services.values()) {
            Object value = stored.asOf(committed);
            if (value == null) {
                return null;
            }
            if (value instanceof ServiceContent service) {
                byte[] variant = variantFor(service, own.paths());
                if (variant == null) {
                    return null;
                }
                imports.add(variant);
            }
        }
        return new PlanFeed.Snapshot(clusterId, version, own.exportStatus(),
                layout instanceof byte[] json ? json : EMPTY_INTERCONNECT, own.gatewayPeers(), imports);
    }

    private static Object asOf(StoredContent stored, long committed) {
        return stored == null ? StoredContent.ABSENT : stored.asOf(committed);
    }

    /** The variant whose path to every serving cluster is the one the cluster takes. */
    private static byte[] variantFor(ServiceContent service, Map<String, Byte> paths) {
        String[] servers = service.servers();
        for (int v = 0; v < service.variants().length; v++) {
            byte[] vector = service.paths()[v];
            boolean fits = true;
            for (int k = 0; k < servers.length && fits; k++) {
                Byte path = paths.get(servers[k]);
                fits = path != null && path == vector[k];
            }
            if (fits) {
                return service.variants()[v];
            }
        }
        return null;
    }
}
