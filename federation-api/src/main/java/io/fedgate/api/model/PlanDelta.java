package io.fedgate.api.model;

import java.util.List;

/**
 * What changed in one cluster's plan from the version before {@code version} to {@code version}: the hub's
 * plan watch sends these instead of whole plans, since one export change touches one import of each plan.
 * Applied to the plan at {@code version - 1}, it gives the plan at {@code version}. Imports are replaced by
 * service key; the other parts are sent whole, and only when they changed.
 *
 * @param upserts      imports added or replaced, by {@link ServiceImport#service()}
 * @param removals     services no longer imported
 * @param exportStatus every export status of the cluster, or null when unchanged
 * @param interconnect the OVN-IC layout, or null when unchanged
 * @param gatewayPeers every gateway peer, or null when unchanged
 */
public record PlanDelta(String clusterId, long version, List<ServiceImport> upserts, List<ServiceKey> removals,
                        List<ExportStatus> exportStatus, InterconnectPlan interconnect,
                        List<GatewayPeer> gatewayPeers) {
    public PlanDelta {
        upserts = upserts == null ? List.of() : List.copyOf(upserts);
        removals = removals == null ? List.of() : List.copyOf(removals);
        exportStatus = exportStatus == null ? null : List.copyOf(exportStatus);
        gatewayPeers = gatewayPeers == null ? null : List.copyOf(gatewayPeers);
    }

    /**
     * The delta that turns {@code from} into {@code to} (same cluster; {@code to}'s version): the imports that
     * differ, and each other part when it differs.
     */
    public static PlanDelta between(ClusterPlan from, ClusterPlan to) {
        java.util.Map<ServiceKey, ServiceImport> before = new java.util.HashMap<>();
        from.imports().forEach(i -> before.put(i.service(), i));
        List<ServiceImport> upserts = new java.util.ArrayList<>();
        for (ServiceImport i : to.imports()) {
            if (!i.equals(before.remove(i.service()))) {
                upserts.add(i);
            }
        }
        List<ServiceKey> removals = before.keySet().stream().sorted().toList();
        return new PlanDelta(to.clusterId(), to.version(), upserts, removals,
                from.exportStatus().equals(to.exportStatus()) ? null : to.exportStatus(),
                from.interconnect().equals(to.interconnect()) ? null : to.interconnect(),
                from.gatewayPeers().equals(to.gatewayPeers()) ? null : to.gatewayPeers());
    }

    /** True when applying this delta changes nothing but the version. */
    public boolean isEmpty() {
        return upserts.isEmpty() && removals.isEmpty() && exportStatus == null && interconnect == null
                && gatewayPeers == null;
    }

    /**
     * The plan at {@link #version()}: {@code base} (the plan at the version before, imports sorted by service
     * key) with this delta applied; imports stay sorted. Replacing imports that exist costs a copy of the import
     * list and a binary search per upsert; adding or removing ones merges the lists once.
     */
    public ClusterPlan applyTo(ClusterPlan base) {
        ServiceImport[] imports = base.imports().toArray(new ServiceImport[0]);
        boolean inPlace = removals.isEmpty();
        for (int i = 0; i < upserts.size() && inPlace; i++) {
            int at = indexOf(imports, upserts.get(i).service());
            if (at >= 0) {
                imports[at] = upserts.get(i);
            } else {
                inPlace = false;
            }
        }
        List<ServiceImport> next = inPlace ? List.of(imports) : merged(base.imports());
        return new ClusterPlan(base.clusterId(), version, next,
                exportStatus == null ? base.exportStatus() : exportStatus,
                interconnect == null ? base.interconnect() : interconnect,
                gatewayPeers == null ? base.gatewayPeers() : gatewayPeers);
    }

    private List<ServiceImport> merged(List<ServiceImport> base) {
        java.util.TreeMap<ServiceKey, ServiceImport> byService = new java.util.TreeMap<>();
        base.forEach(i -> byService.put(i.service(), i));
        removals.forEach(byService::remove);
        upserts.forEach(i -> byService.put(i.service(), i));
        return List.copyOf(byService.values());
    }

    private static int indexOf(ServiceImport[] sorted, ServiceKey key) {
        int low = 0;
        int high = sorted.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = sorted[mid].service().compareTo(key);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** This delta with {@code more} upserts appended (a delta sent over several lines). */
    public PlanDelta withMoreUpserts(List<ServiceImport> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<ServiceImport> all = new java.util.ArrayList<>(upserts.size() + more.size());
        all.addAll(upserts);
        all.addAll(more);
        return new PlanDelta(clusterId, version, all, removals, exportStatus, interconnect, gatewayPeers);
    }
}
