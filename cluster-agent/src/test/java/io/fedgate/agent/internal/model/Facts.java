package io.fedgate.agent.internal.model;

import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.SessionAffinity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds {@link ClusterFacts} for unit tests, one object at a time. */
final class Facts {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final List<ObservedExport> exports = new ArrayList<>();
    private final Map<ObjectKey, ObservedService> services = new HashMap<>();
    private final Map<ObjectKey, List<ObservedSlice>> slices = new HashMap<>();
    private final List<ObservedNode> nodes = new ArrayList<>();
    private List<ObservedSubnet> subnets;
    private List<String> serviceCidrs;
    private IcConfig ic = IcConfig.DISABLED;
    private ObservedService gatewayService;
    private final List<GatewayReplica> replicas = new ArrayList<>();

    Facts export(String namespace, String name) {
        return export(namespace, name, Map.of());
    }

    Facts export(String namespace, String name, Map<String, String> annotations) {
        exports.add(new ObservedExport(new ObjectKey(namespace, name), T0, 1L, annotations, List.of()));
        return this;
    }

    Facts export(ObservedExport export) {
        exports.add(export);
        return this;
    }

    Facts service(String namespace, String name, ServicePort... ports) {
        ObjectKey key = new ObjectKey(namespace, name);
        services.put(key, new ObservedService(key, "ClusterIP", false, "10.96.0.1", SessionAffinity.NONE,
                List.of(ports), List.of(), List.of()));
        return this;
    }

    Facts service(ObservedService service) {
        services.put(service.key(), service);
        return this;
    }

    Facts slice(String namespace, String service, String addressType, List<SlicePort> ports, SliceEndpoint... endpoints) {
        ObjectKey key = new ObjectKey(namespace, service);
        slices.computeIfAbsent(key, k -> new ArrayList<>()).add(new ObservedSlice(
                new ObjectKey(namespace, service + "-" + slices.getOrDefault(key, List.of()).size()), addressType, ports,
                List.of(endpoints)));
        return this;
    }

    Facts node(ObservedNode node) {
        nodes.add(node);
        return this;
    }

    Facts subnets(ObservedSubnet... all) {
        subnets = List.of(all);
        return this;
    }

    Facts serviceCidrs(String... cidrs) {
        serviceCidrs = List.of(cidrs);
        return this;
    }

    Facts ic(IcConfig config) {
        ic = config;
        return this;
    }

    Facts gateway(ObservedService service, GatewayReplica... all) {
        gatewayService = service;
        replicas.addAll(List.of(all));
        return this;
    }

    ClusterFacts build() {
        return new ClusterFacts(exports, services, slices, nodes, subnets, ic, Set.of("bank"), gatewayService, replicas,
                serviceCidrs);
    }
}
