package io.fedgate.hub.internal.api;

import io.fedgate.api.codec.WireNames;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterNetwork;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.InterconnectState;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.hub.internal.access.Operation;
import io.fedgate.hub.internal.state.StoredInventory;
import io.fedgate.hub.planning.ClusterPair;
import io.fedgate.hub.planning.RouteHealth;
import io.fedgate.hubclient.protocol.ClusterSummary;
import io.fedgate.hubclient.protocol.ExportSummary;
import io.fedgate.hubclient.protocol.ImportSummary;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The read-only listings: {@code /v1/clusters}, {@code /v1/exports}, {@code /v1/imports}, sorted. */
final class ListingEndpoints {
    private final HubServices hub;
    private final Requests requests;

    ListingEndpoints(HubServices hub, Requests requests) {
        this.hub = hub;
        this.requests = requests;
    }

    Reply clusters(RoutingContext ctx) {
        requests.authorize(ctx, Operation.READ_LISTINGS, null);
        Map<String, StoredInventory> inventories = new TreeMap<>(hub.state().inventories().toMap());
        Map<String, Long> leases = Map.copyOf(hub.state().leases().toMap());
        Instant now = hub.clock().instant();
        List<ClusterInventory> decoded = new ArrayList<>();
        Map<String, ClusterNetwork> networks = new TreeMap<>();
        inventories.forEach((id, stored) -> {
            ClusterInventory inventory = hub.inventories().decode(stored);
            decoded.add(inventory);
            networks.put(id, inventory.network());
        });
        Map<ClusterPair, Boolean> routes = RouteHealth.observe(decoded);
        List<ClusterSummary> summaries = new ArrayList<>();
        inventories.forEach((id, stored) -> {
            InterconnectState ic = networks.get(id) == null ? null : networks.get(id).interconnect();
            Long seen = leases.get(id);
            Instant lastHeartbeat = seen == null ? null : Instant.ofEpochMilli(seen);
            boolean live = lastHeartbeat != null && now.isBefore(lastHeartbeat.plus(hub.config().leaseDuration()));
            summaries.add(new ClusterSummary(id, stored.generation(), Instant.ofEpochMilli(stored.updatedAtMillis()),
                    live, lastHeartbeat, stored.exports(), hub.feed().latest(id), stored.region(), stored.network(),
                    ic == null ? null : ic.mode().optionValue(), routesInPlace(id, routes),
                    ic == null ? List.of() : ic.problems()));
        });
        return requests.json(200, summaries);
    }

    /** All of the cluster's reported pairs in place; null when it is in none. */
    private static Boolean routesInPlace(String clusterId, Map<ClusterPair, Boolean> routes) {
        Boolean all = null;
        for (Map.Entry<ClusterPair, Boolean> e : routes.entrySet()) {
            if (e.getKey().contains(clusterId)) {
                all = (all == null || all) && e.getValue();
            }
        }
        return all;
    }

    Reply exports(RoutingContext ctx) {
        requests.authorize(ctx, Operation.READ_LISTINGS, null);
        List<ExportSummary> exports = new ArrayList<>();
        for (ClusterInventory inventory : inventories()) {
            for (ExportedService export : inventory.exports()) {
                exports.add(new ExportSummary(export.service().toString(), inventory.clusterId(),
                        WireNames.of(export.type()), export.exportedAt(), export.endpoints().size(),
                        export.readyEndpoints()));
            }
        }
        exports.sort(Comparator.comparing(ExportSummary::service).thenComparing(ExportSummary::clusterId));
        return requests.json(200, exports);
    }

    Reply imports(RoutingContext ctx) {
        requests.authorize(ctx, Operation.READ_LISTINGS, null);
        record Exporter(String clusterId, ExportedService export) {
        }
        Map<ServiceKey, List<Exporter>> byService = new TreeMap<>();
        for (ClusterInventory inventory : inventories()) {
            inventory.exports().forEach(e -> byService.computeIfAbsent(e.service(), k -> new ArrayList<>())
                    .add(new Exporter(inventory.clusterId(), e)));
        }
        List<ImportSummary> imports = new ArrayList<>();
        byService.forEach((service, exporters) -> {
            // MCS: the oldest export wins conflicts, ties broken by cluster id, as the planner ranks them
            exporters.sort(Comparator.comparing((Exporter e) -> e.export().exportedAt())
                    .thenComparing(Exporter::clusterId));
            imports.add(new ImportSummary(service.toString(), WireNames.of(exporters.get(0).export().type()),
                    exporters.stream().map(Exporter::clusterId).toList()));
        });
        return requests.json(200, imports);
    }

    private List<ClusterInventory> inventories() {
        List<ClusterInventory> inventories = new ArrayList<>();
        new TreeMap<>(hub.state().inventories().toMap()).values().forEach(s -> inventories.add(hub.inventories().decode(s)));
        return inventories;
    }
}
