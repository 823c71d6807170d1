package io.fedgate.gateway.testing;

import io.fedgate.api.codec.FederationCodecs;
import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.ClusterHealth;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.GatewayEndpoint;
import io.fedgate.api.model.GatewayPeer;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.SessionAffinity;
import io.fedgate.api.model.TrafficPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/** Builders for plans in tests, and an atomic plan-file writer. */
public final class Plans {
    private Plans() {
    }

    /** An import of {@code service} on one TCP {@code port} served by {@code clusters}. */
    public static ServiceImport serviceImport(ServiceKey service, int port, TrafficPolicy policy,
                                              ClusterEndpoints... clusters) {
        return new ServiceImport(service, ImportType.CLUSTER_SET_IP, SessionAffinity.NONE,
                List.of(ServicePort.tcp("tcp", port)), policy, List.of(clusters));
    }

    /** A headless import of {@code service} on one TCP {@code port} served by {@code clusters}. */
    public static ServiceImport headlessImport(ServiceKey service, int port, ClusterEndpoints... clusters) {
        return new ServiceImport(service, ImportType.HEADLESS, SessionAffinity.NONE,
                List.of(ServicePort.tcp("tcp", port)), TrafficPolicy.DEFAULT, List.of(clusters));
    }

    /** A serving cluster with {@code endpoints} (its own, or remote ones a per-pod listener names). */
    public static ClusterEndpoints serving(String clusterId, DataPath path, Endpoint... endpoints) {
        return new ClusterEndpoints(clusterId, "r-" + clusterId, null, path, 1, 0, ClusterHealth.HEALTHY,
                List.of(endpoints));
    }

    /** A ready pod with a {@code hostname} (a StatefulSet ordinal) listening on {@code backendPort}. */
    public static Endpoint pod(String address, String hostname, int backendPort) {
        return new Endpoint(address, true, null, null, Map.of("tcp", backendPort), hostname);
    }

    /** A serving cluster reached through gateways (its endpoints are the serving side's business). */
    public static ClusterEndpoints viaGateway(String clusterId, String region, int weight, int priority) {
        return new ClusterEndpoints(clusterId, region, null, DataPath.GATEWAY, weight, priority, ClusterHealth.HEALTHY,
                List.of());
    }

    /** A serving cluster whose endpoints the gateway dials itself (its own cluster, or direct/routed). */
    public static ClusterEndpoints direct(String clusterId, String region, int weight, int priority, String host,
                                          int backendPort, int servicePort) {
        return new ClusterEndpoints(clusterId, region, null, DataPath.DIRECT, weight, priority, ClusterHealth.HEALTHY,
                List.of(new Endpoint(host, true, null, null, Map.of("tcp", backendPort))));
    }

    /** One peer cluster with its gateways. */
    public static GatewayPeer peer(String clusterId, GatewayEndpoint... gateways) {
        return new GatewayPeer(clusterId, List.of(gateways));
    }

    /** A plan for {@code clusterId}. */
    public static ClusterPlan plan(String clusterId, long version, List<ServiceImport> imports,
                                   List<GatewayPeer> peers) {
        return new ClusterPlan(clusterId, version, imports, List.of(), null, peers);
    }

    /** Writes {@code plan} as JSON to {@code file}, replacing it atomically. */
    public static void write(Path file, ClusterPlan plan) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, FederationCodecs.clusterPlan().encode(plan));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
