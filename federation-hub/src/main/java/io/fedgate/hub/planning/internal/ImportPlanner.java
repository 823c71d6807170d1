package io.fedgate.hub.planning.internal;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ExportCondition;
import io.fedgate.api.model.ExportStatus;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.SessionAffinity;
import io.fedgate.api.model.TrafficPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Merges the exports of each service into one import, with the conflict rules of MCS (KEP-1645): exports
 * are ranked by age ({@code exportedAt}, ties by cluster id) and the oldest one's value wins every conflict.
 * <ul>
 *   <li>ports: the union of all exporters' ports ({@link PortUnion});</li>
 *   <li>type (ClusterSetIP or Headless), session affinity and traffic policy: the oldest export's.</li>
 * </ul>
 * Each export gets {@code Valid=True} and a {@code Conflict} condition. Only exports that lost something
 * get {@code Conflict=True}: the oldest never does, since its values are the ones in effect. (KEP-1645 lets
 * an implementation set the condition on every export of the service; naming the losers only tells each
 * operator whether their own export is the one not taking effect.) Several conflicts make one condition
 * whose message lists them all.
 */
public final class ImportPlanner {
    /** {@code Valid} reason: the export took part in the merge. */
    public static final String REASON_VALID = "Valid";
    /** {@code Conflict=False} reason. */
    public static final String REASON_NO_CONFLICTS = "NoConflicts";
    /** A port of this export clashes with an older export's port. */
    public static final String REASON_PORT_CONFLICT = "PortConflict";
    /** ClusterSetIP against Headless. */
    public static final String REASON_TYPE_CONFLICT = "TypeConflict";
    /** Session affinity differs from the oldest export's. */
    public static final String REASON_SESSION_AFFINITY_CONFLICT = "SessionAffinityConflict";
    /** Traffic policy differs from the oldest export's. */
    public static final String REASON_TRAFFIC_POLICY_CONFLICT = "TrafficPolicyConflict";
    /** Conflicts of more than one kind; the message lists each. */
    public static final String REASON_MULTIPLE_CONFLICTS = "MultipleConflicts";

    private static final Comparator<ServingExport> OLDEST_FIRST = Comparator
            .comparing((ServingExport e) -> e.export().exportedAt()).thenComparing(ServingExport::clusterId);

    /** The merged services and export statuses of {@code clusters} (any order). */
    public ImportResolution resolve(List<ClusterInventory> clusters) {
        SortedMap<ServiceKey, List<ServingExport>> exportsByService = new TreeMap<>();
        for (ClusterInventory cluster : clusters) {
            for (ExportedService export : cluster.exports()) {
                exportsByService.computeIfAbsent(export.service(), k -> new ArrayList<>())
                        .add(new ServingExport(cluster, export));
            }
        }
        List<MergedService> services = new ArrayList<>(exportsByService.size());
        Map<String, List<ExportStatus>> statusByCluster = new TreeMap<>();
        exportsByService.forEach((service, exports) -> services.add(merge(service, exports, statusByCluster)));
        statusByCluster.replaceAll((cluster, statuses) -> List.copyOf(statuses));
        return new ImportResolution(List.copyOf(services), Collections.unmodifiableMap(statusByCluster));
    }

    /** Merges one service's exports; adds each exporter's status to {@code statusByCluster}. */
    private static MergedService merge(ServiceKey service, List<ServingExport> exports,
                                       Map<String, List<ExportStatus>> statusByCluster) {
        List<ServingExport> byAge = exports.stream().sorted(OLDEST_FIRST).toList();
        ServingExport oldest = byAge.get(0);
        PortUnion ports = new PortUnion();
        for (ServingExport export : byAge) {
            List<ExportConflict> conflicts = new ArrayList<>();
            export.export().ports().forEach(port -> conflicts.addAll(ports.add(port, export.clusterId())));
            conflicts.addAll(conflictsWithOldest(export, oldest));
            statusByCluster.computeIfAbsent(export.clusterId(), c -> new ArrayList<>())
                    .add(status(service, conflicts));
        }
        ExportedService winner = oldest.export();
        List<ServingExport> byCluster = exports.stream().sorted(Comparator.comparing(ServingExport::clusterId))
                .toList();
        return new MergedService(service, winner.type(), winner.sessionAffinity(), ports.ports(), winner.policy(),
                byCluster);
    }

    private static List<ExportConflict> conflictsWithOldest(ServingExport export, ServingExport oldest) {
        ExportedService mine = export.export();
        ExportedService theirs = oldest.export();
        List<ExportConflict> conflicts = new ArrayList<>(3);
        if (mine.type() != theirs.type()) {
            conflicts.add(new ExportConflict(REASON_TYPE_CONFLICT, "type " + typeName(mine.type()),
                    "type " + typeName(theirs.type()), oldest.clusterId()));
        }
        if (mine.sessionAffinity() != theirs.sessionAffinity()) {
            conflicts.add(new ExportConflict(REASON_SESSION_AFFINITY_CONFLICT,
                    "session affinity " + affinityName(mine.sessionAffinity()),
                    "session affinity " + affinityName(theirs.sessionAffinity()), oldest.clusterId()));
        }
        if (!mine.policy().equals(theirs.policy())) {
            conflicts.add(new ExportConflict(REASON_TRAFFIC_POLICY_CONFLICT,
                    "traffic policy " + policyText(mine.policy()), "traffic policy " + policyText(theirs.policy()),
                    oldest.clusterId()));
        }
        return conflicts;
    }

    private static ExportStatus status(ServiceKey service, List<ExportConflict> conflicts) {
        ExportCondition valid = new ExportCondition(ExportCondition.VALID, true, REASON_VALID,
                "exported to the cluster set as " + service);
        return new ExportStatus(service, List.of(valid, conflictCondition(service, conflicts)));
    }

    private static ExportCondition conflictCondition(ServiceKey service, List<ExportConflict> conflicts) {
        if (conflicts.isEmpty()) {
            return new ExportCondition(ExportCondition.CONFLICT, false, REASON_NO_CONFLICTS,
                    "no conflict with older exports of " + service);
        }
        List<String> reasons = conflicts.stream().map(ExportConflict::reason).distinct().toList();
        String reason = reasons.size() == 1 ? reasons.get(0) : REASON_MULTIPLE_CONFLICTS;
        String message = "conflicts with older exports of " + service + ": "
                + conflicts.stream().map(ExportConflict::describe).collect(Collectors.joining("; "));
        return new ExportCondition(ExportCondition.CONFLICT, true, reason, message);
    }

    /** The ServiceImport type as MCS spells it. */
    static String typeName(ImportType type) {
        return type == ImportType.HEADLESS ? "Headless" : "ClusterSetIP";
    }

    /** The session affinity as Kubernetes spells it. */
    static String affinityName(SessionAffinity affinity) {
        return affinity == SessionAffinity.CLIENT_IP ? "ClientIP" : "None";
    }

    private static String policyText(TrafficPolicy policy) {
        return policy.loadBalancing() + (policy.failoverOrder().isEmpty() ? ""
                : " with failover order " + policy.failoverOrder());
    }
}
