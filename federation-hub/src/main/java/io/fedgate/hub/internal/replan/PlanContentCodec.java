package io.fedgate.hub.internal.replan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fedgate.api.codec.FederationJson;
import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.PlanDelta;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.hub.planning.FederationPlan;
import io.fedgate.hub.planning.PathTable;
import io.fedgate.hub.planning.ServicePlan;
import io.fedgate.hub.internal.state.ClusterContent;
import io.fedgate.hub.internal.state.ServiceContent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes the shared plan pieces and the deltas the leader stores; the wire schema's JSON throughout. Each
 * import is encoded once per run however many pieces and deltas hold it (one export change puts the same
 * import in 255 deltas): {@link #newRun} starts a fresh cache of encodings. Used by the planning thread only.
 */
final class PlanContentCodec {
    private final ObjectMapper mapper = FederationJson.mapper();
    private Map<ServiceImport, byte[]> imports = new IdentityHashMap<>();

    /** Forgets the encodings of the last run. */
    void newRun() {
        imports = new IdentityHashMap<>();
    }

    /** A service's variants, with each one's path vector towards the serving clusters. */
    ServiceContent service(ServicePlan plan) {
        List<ServiceImport> variants = plan.variants();
        List<ClusterEndpoints> first = variants.get(0).clusters();
        String[] servers = first.stream().map(ClusterEndpoints::clusterId).toArray(String[]::new);
        byte[][] paths = new byte[variants.size()][];
        byte[][] encoded = new byte[variants.size()][];
        for (int v = 0; v < variants.size(); v++) {
            List<ClusterEndpoints> clusters = variants.get(v).clusters();
            paths[v] = new byte[servers.length];
            for (int k = 0; k < servers.length; k++) {
                paths[v][k] = (byte) clusters.get(k).path().ordinal();
            }
            encoded[v] = json(variants.get(v));
            imports.put(variants.get(v), encoded[v]);
        }
        return new ServiceContent(servers, paths, encoded);
    }

    /** A cluster's own part: statuses, peers, and its path to every cluster. */
    ClusterContent cluster(FederationPlan plan, String clusterId) {
        PathTable paths = plan.paths();
        int client = paths.indexOf(clusterId);
        Map<String, Byte> row = new HashMap<>();
        for (int server = 0; server < paths.clusterIds().size(); server++) {
            row.put(paths.clusterIds().get(server), (byte) paths.path(client, server).ordinal());
        }
        return new ClusterContent(json(plan.exportStatus().getOrDefault(clusterId, List.of())),
                json(plan.gatewayPeers().getOrDefault(clusterId, List.of())), row);
    }

    /** Any part as JSON. */
    byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** A delta as the watch sends it ({@code FederationCodecs.planDelta()}'s format), imports encoded once. */
    byte[] delta(PlanDelta delta) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + delta.upserts().size() * 1024);
        out.writeBytes(("{\"clusterId\":" + text(delta.clusterId()) + ",\"version\":" + delta.version()
                + ",\"upserts\":").getBytes(StandardCharsets.UTF_8));
        out.write('[');
        for (int i = 0; i < delta.upserts().size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(imports.computeIfAbsent(delta.upserts().get(i), this::json));
        }
        out.write(']');
        field(out, "removals", delta.removals());
        field(out, "exportStatus", delta.exportStatus());
        field(out, "interconnect", delta.interconnect());
        field(out, "gatewayPeers", delta.gatewayPeers());
        out.write('}');
        return out.toByteArray();
    }

    private void field(ByteArrayOutputStream out, String name, Object value) {
        if (value != null) {
            out.writeBytes((",\"" + name + "\":").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(json(value));
        }
    }

    private String text(String value) {
        return new String(json(value), StandardCharsets.UTF_8);
    }
}
