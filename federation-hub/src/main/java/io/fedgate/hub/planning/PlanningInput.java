package io.fedgate.hub.planning;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.ServicePort;
import io.fedgate.hub.planning.internal.Ports;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything {@link FederationPlanner#plan} needs, validated on construction: the inventories of every
 * cluster in the set, whose leases expired, the transit allocations the hub persisted last time, and how
 * many transit switches to run. Order does not matter anywhere: the planner sorts.
 *
 * @param inventories         one per cluster, cluster ids unique
 * @param expiredLeases       ids of clusters whose agent stopped heartbeating: their endpoints are withdrawn
 *                            from every plan while their exports stay; ids of unknown clusters are ignored
 * @param previousAllocations what the last plan returned as {@link FederationPlan#transitAllocations()}
 * @param transitSwitchCount  how many transit switches ({@code ts}, {@code ts1}, ...) to plan, 1 to
 *                            {@value #MAX_TRANSIT_SWITCHES}
 * @param heldOnGateway       interconnect-group pairs whose routes are not in place ({@link RoutedPathGate#held()}):
 *                            planned through gateways while the group and its transit switches stay as they are
 */
public record PlanningInput(List<ClusterInventory> inventories, Set<String> expiredLeases,
                            TransitAllocations previousAllocations, int transitSwitchCount,
                            Set<ClusterPair> heldOnGateway) {
    /** One transit switch, as Kube-OVN runs by default. */
    public static final int DEFAULT_TRANSIT_SWITCH_COUNT = 1;
    /** Subnets 169.254.100.0/24 to 169.254.255.0/24 leave room for this many switches. */
    public static final int MAX_TRANSIT_SWITCHES = 156;

    private static final int MAX_PORT = 65535;

    /**
     * @throws PlanningException naming the first bad field: a missing or duplicate cluster id, a missing
     *                           network or export time, a duplicate export or port, a negative weight, ...
     */
    public PlanningInput {
        inventories = validatedInventories(inventories);
        expiredLeases = validatedExpiredLeases(expiredLeases);
        previousAllocations = previousAllocations == null ? TransitAllocations.EMPTY : previousAllocations;
        if (transitSwitchCount < 1 || transitSwitchCount > MAX_TRANSIT_SWITCHES) {
            throw new PlanningException("transitSwitchCount: " + transitSwitchCount + " is outside 1.."
                    + MAX_TRANSIT_SWITCHES + " (subnets 169.254.100.0/24 to 169.254.255.0/24)");
        }
        heldOnGateway = heldOnGateway == null ? Set.of() : Collections.unmodifiableSortedSet(new TreeSet<>(heldOnGateway));
    }

    /** Input with no pair held on gateways. */
    public PlanningInput(List<ClusterInventory> inventories, Set<String> expiredLeases,
                         TransitAllocations previousAllocations, int transitSwitchCount) {
        this(inventories, expiredLeases, previousAllocations, transitSwitchCount, Set.of());
    }

    /** This input with other pairs held on the gateway path. */
    public PlanningInput withHeldOnGateway(Set<ClusterPair> pairs) {
        return new PlanningInput(inventories, expiredLeases, previousAllocations, transitSwitchCount, pairs);
    }

    /**
     * Input with no expired lease, no previous allocations and {@value #DEFAULT_TRANSIT_SWITCH_COUNT} transit
     * switch.
     */
    public static PlanningInput of(Collection<ClusterInventory> inventories) {
        return new PlanningInput(inventories == null ? null : new ArrayList<>(inventories), Set.of(),
                TransitAllocations.EMPTY, DEFAULT_TRANSIT_SWITCH_COUNT);
    }

    /** This input with other expired leases. */
    public PlanningInput withExpiredLeases(Set<String> clusterIds) {
        return new PlanningInput(inventories, clusterIds, previousAllocations, transitSwitchCount, heldOnGateway);
    }

    /** This input with other previous transit allocations. */
    public PlanningInput withPreviousAllocations(TransitAllocations allocations) {
        return new PlanningInput(inventories, expiredLeases, allocations, transitSwitchCount, heldOnGateway);
    }

    /** This input with another transit switch count. */
    public PlanningInput withTransitSwitchCount(int count) {
        return new PlanningInput(inventories, expiredLeases, previousAllocations, count, heldOnGateway);
    }

    private static List<ClusterInventory> validatedInventories(List<ClusterInventory> inventories) {
        if (inventories == null) {
            return List.of();
        }
        Map<String, Integer> firstIndexOfId = new HashMap<>();
        for (int i = 0; i < inventories.size(); i++) {
            ClusterInventory inventory = inventories.get(i);
            String where = "inventories[" + i + "]";
            if (inventory == null) {
                throw new PlanningException(where + ": null");
            }
            if (inventory.clusterId() == null || inventory.clusterId().isBlank()) {
                throw new PlanningException(where + ".clusterId: " + quoted(inventory.clusterId()) + " is blank");
            }
            Integer first = firstIndexOfId.putIfAbsent(inventory.clusterId(), i);
            if (first != null) {
                throw new PlanningException(where + ".clusterId: \"" + inventory.clusterId()
                        + "\" is already used by inventories[" + first + "]");
            }
            validateNetwork(inventory, where);
            for (int j = 0; j < inventory.exports().size(); j++) {
                validateExport(inventory, j, where + ".exports[" + j + "]");
            }
        }
        return List.copyOf(inventories);
    }

    private static void validateNetwork(ClusterInventory inventory, String where) {
        String cluster = " (cluster \"" + inventory.clusterId() + "\")";
        if (inventory.network() == null) {
            throw new PlanningException(where + ".network: missing" + cluster);
        }
        String zone = inventory.network().availabilityZone();
        if (zone != null && zone.isBlank()) {
            throw new PlanningException(where + ".network.availabilityZone: \"" + zone
                    + "\" is blank (null means no interconnection)" + cluster);
        }
    }

    private static void validateExport(ClusterInventory inventory, int index, String where) {
        ExportedService export = inventory.exports().get(index);
        if (export.service() == null) {
            throw new PlanningException(where + ".service: missing (cluster \"" + inventory.clusterId() + "\")");
        }
        String context = " (cluster \"" + inventory.clusterId() + "\", service " + export.service() + ")";
        for (int k = 0; k < index; k++) {
            if (export.service().equals(inventory.exports().get(k).service())) {
                throw new PlanningException(where + ".service: " + export.service() + " is already exported by "
                        + "exports[" + k + "]" + context);
            }
        }
        if (export.exportedAt() == null) {
            throw new PlanningException(where + ".exportedAt: missing (conflicts are settled by the oldest export)"
                    + context);
        }
        if (export.weight() < 0) {
            throw new PlanningException(where + ".weight: " + export.weight() + " must be >= 0" + context);
        }
        if (export.priority() < 0) {
            throw new PlanningException(where + ".priority: " + export.priority() + " must be >= 0" + context);
        }
        validatePorts(export.ports(), where, context);
        List<Endpoint> endpoints = export.endpoints();
        for (int k = 0; k < endpoints.size(); k++) {
            if (endpoints.get(k).address() == null || endpoints.get(k).address().isBlank()) {
                throw new PlanningException(where + ".endpoints[" + k + "].address: "
                        + quoted(endpoints.get(k).address()) + " is blank" + context);
            }
        }
    }

    private static void validatePorts(List<ServicePort> ports, String where, String context) {
        for (int k = 0; k < ports.size(); k++) {
            ServicePort port = ports.get(k);
            String at = where + ".ports[" + k + "]";
            if (port.port() < 1 || port.port() > MAX_PORT) {
                throw new PlanningException(at + ".port: " + port.port() + " is outside 1.." + MAX_PORT + context);
            }
            for (int m = 0; m < k; m++) {
                ServicePort earlier = ports.get(m);
                if (Ports.name(earlier).equals(Ports.name(port))) {
                    throw new PlanningException(at + ".name: " + quoted(port.name()) + " is already used by ports["
                            + m + "]" + context);
                }
                if (earlier.port() == port.port() && earlier.protocol() == port.protocol()) {
                    throw new PlanningException(at + ": " + port.port() + "/" + port.protocol()
                            + " is already used by ports[" + m + "]" + context);
                }
            }
        }
    }

    private static Set<String> validatedExpiredLeases(Set<String> clusterIds) {
        if (clusterIds == null) {
            return Set.of();
        }
        if (clusterIds.stream().anyMatch(id -> id == null)) {
            throw new PlanningException("expiredLeases: contains null");
        }
        return Collections.unmodifiableSortedSet(new TreeSet<>(clusterIds));
    }

    private static String quoted(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }
}
