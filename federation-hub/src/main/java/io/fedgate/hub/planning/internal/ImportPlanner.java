package io.fedgate.hub.planning.internal;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ExportCondition;
import io.fedgate.api.model.ExportStatus;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.SessionAffinity;
import io.fedgate.api.model.TrafficPolicy;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.ServiceProperties;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Merges the exports of each service into one import, with the conflict rules of MCS (KEP-1645): exports
 * are ranked by age ({@code exportedAt}, ties by cluster id) and the oldest one's value wins every conflict.
 * <ul>
 *   <li>ports: the union of all exporters' ports ({@link PortUnion}); ports that are not the same on every
 *       exporter are a conflict even where the union can hold them all;</li>
 *   <li>type (ClusterSetIP or Headless), session affinity and its timeout, internal traffic policy, traffic
 *       distribution, IP families, exported labels and annotations, and fedgate's traffic policy: the oldest
 *       export's.</li>
 * </ul>
 * Each export gets {@code Valid=True} and a {@code Conflict} condition. When any two exports of a service
 * disagree, <em>every</em> export of it gets {@code Conflict=True}, as the upstream conformance suite expects
 * (KEP-1645 requires it on the conflicting exports and recommends it on all): an operator looking at the
 * oldest export learns that another cluster disagrees, and the oldest's message says its values are the
 * ones in effect. The reason lists every kind of conflict in the service, comma-separated in a fixed order
 * ({@code PortConflict,TypeConflict}), as the MCS API allows; the message names the clusters and values.
 */
public final class ImportPlanner {
    /** {@code Valid} reason: the export took part in the merge. */
    public static final String REASON_VALID = "Valid";
    /** {@code Conflict=False} reason. */
    public static final String REASON_NO_CONFLICTS = "NoConflicts";
    /** Ports differ between exporters, or one clashes with an older export's port. */
    public static final String REASON_PORT_CONFLICT = "PortConflict";
    /** ClusterSetIP against Headless. */
    public static final String REASON_TYPE_CONFLICT = "TypeConflict";
    /** Session affinity differs from the oldest export's. */
    public static final String REASON_SESSION_AFFINITY_CONFLICT = "SessionAffinityConflict";
    /** Session affinity timeout differs from the oldest export's. */
    public static final String REASON_SESSION_AFFINITY_CONFIG_CONFLICT = "SessionAffinityConfigConflict";
    /** Exported labels differ from the oldest export's. */
    public static final String REASON_LABELS_CONFLICT = "LabelsConflict";
    /** Exported annotations differ from the oldest export's. */
    public static final String REASON_ANNOTATIONS_CONFLICT = "AnnotationsConflict";
    /** Internal traffic policy differs from the oldest export's. */
    public static final String REASON_INTERNAL_TRAFFIC_POLICY_CONFLICT = "InternalTrafficPolicyConflict";
    /** Traffic distribution differs from the oldest export's. */
    public static final String REASON_TRAFFIC_DISTRIBUTION_CONFLICT = "TrafficDistributionConflict";
    /** IP families differ: traffic of one family would reach only some exporters. */
    public static final String REASON_IP_FAMILY_CONFLICT = "IPFamilyConflict";
    /** fedgate's traffic policy differs from the oldest export's. */
    public static final String REASON_TRAFFIC_POLICY_CONFLICT = "TrafficPolicyConflict";

    /** The order reasons are joined in. */
    static final List<String> REASON_ORDER = List.of(REASON_PORT_CONFLICT, REASON_TYPE_CONFLICT,
            REASON_SESSION_AFFINITY_CONFLICT, REASON_SESSION_AFFINITY_CONFIG_CONFLICT, REASON_LABELS_CONFLICT,
            REASON_ANNOTATIONS_CONFLICT, REASON_INTERNAL_TRAFFIC_POLICY_CONFLICT,
            REASON_TRAFFIC_DISTRIBUTION_CONFLICT, REASON_IP_FAMILY_CONFLICT, REASON_TRAFFIC_POLICY_CONFLICT);
    /** Most conflicts one message lists; a condition message is at most 32768 characters. */
    static final int MAX_LISTED_CONFLICTS = 16;

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
        Map<String, List<ExportConflict>> conflictsByCluster = new LinkedHashMap<>();
        for (ServingExport export : byAge) {
            List<ExportConflict> conflicts = new ArrayList<>();
            export.export().ports().forEach(port -> conflicts.addAll(ports.add(port, export.clusterId())));
            if (export != oldest) {
                if (conflicts.isEmpty() && !samePorts(export.export(), oldest.export())) {
                    conflicts.add(new ExportConflict(REASON_PORT_CONFLICT, "ports " + portsText(export.export()),
                            "ports " + portsText(oldest.export()), oldest.clusterId(), "the import has the union"));
                }
                conflicts.addAll(conflictsWithOldest(export, oldest));
            }
            conflictsByCluster.put(export.clusterId(), conflicts);
        }
        for (ServingExport export : byAge) {
            statusByCluster.computeIfAbsent(export.clusterId(), c -> new ArrayList<>())
                    .add(status(service, conflictCondition(service, export, oldest, conflictsByCluster)));
        }
        ExportedService winner = oldest.export();
        List<ServingExport> byCluster = exports.stream().sorted(Comparator.comparing(ServingExport::clusterId))
                .toList();
        return new MergedService(service, winner.type(), winner.sessionAffinity(), ports.ports(), winner.policy(),
                byCluster, winner.properties());
    }

    private static boolean samePorts(ExportedService a, ExportedService b) {
        return portSet(a).equals(portSet(b));
    }

    /** The ports as a set, an unnamed port and one named "" being the same, as in Kubernetes. */
    private static Set<ServicePort> portSet(ExportedService export) {
        Set<ServicePort> set = new HashSet<>();
        export.ports().forEach(p -> set.add(new ServicePort(Ports.name(p), p.port(), p.protocol(), p.appProtocol())));
        return set;
    }

    private static String portsText(ExportedService export) {
        return export.ports().stream().map(Ports::describe).sorted().collect(Collectors.joining(", ", "[", "]"));
    }

    private static List<ExportConflict> conflictsWithOldest(ServingExport export, ServingExport oldest) {
        ExportedService mine = export.export();
        ExportedService theirs = oldest.export();
        ServiceProperties my = mine.properties();
        ServiceProperties their = theirs.properties();
        String winner = oldest.clusterId();
        List<ExportConflict> conflicts = new ArrayList<>(3);
        differs(conflicts, REASON_TYPE_CONFLICT, "type", typeName(mine.type()), typeName(theirs.type()), winner);
        differs(conflicts, REASON_SESSION_AFFINITY_CONFLICT, "session affinity",
                affinityName(mine.sessionAffinity()), affinityName(theirs.sessionAffinity()), winner);
        differs(conflicts, REASON_SESSION_AFFINITY_CONFIG_CONFLICT, "session affinity timeout",
                my.sessionAffinityTimeoutSeconds(), their.sessionAffinityTimeoutSeconds(), winner);
        differs(conflicts, REASON_LABELS_CONFLICT, "exported labels", my.labels(), their.labels(), winner);
        differs(conflicts, REASON_ANNOTATIONS_CONFLICT, "exported annotations", my.annotations(),
                their.annotations(), winner);
        differs(conflicts, REASON_INTERNAL_TRAFFIC_POLICY_CONFLICT, "internal traffic policy",
                my.internalTrafficPolicy(), their.internalTrafficPolicy(), winner);
        differs(conflicts, REASON_TRAFFIC_DISTRIBUTION_CONFLICT, "traffic distribution",
                my.trafficDistribution(), their.trafficDistribution(), winner);
        // the primary family may differ; what matters is whether a family reaches only some exporters
        differs(conflicts, REASON_IP_FAMILY_CONFLICT, "IP families", new TreeSet<>(my.ipFamilies()),
                new TreeSet<>(their.ipFamilies()), winner);
        differs(conflicts, REASON_TRAFFIC_POLICY_CONFLICT, "traffic policy", policyText(mine.policy()),
                policyText(theirs.policy()), winner);
        return conflicts;
    }

    private static void differs(List<ExportConflict> conflicts, String reason, String what, Object mine,
                                Object theirs, String winner) {
        if (!Objects.equals(mine, theirs)) {
            conflicts.add(new ExportConflict(reason, what + " " + shown(mine), what + " " + shown(theirs), winner));
        }
    }

    private static String shown(Object value) {
        return value == null ? "unset" : value instanceof Collection<?> c && c.isEmpty() ? "none"
                : value instanceof Map<?, ?> m && m.isEmpty() ? "none" : value.toString();
    }

    private static ExportStatus status(ServiceKey service, ExportCondition conflict) {
        ExportCondition valid = new ExportCondition(ExportCondition.VALID, true, REASON_VALID,
                "exported to the cluster set as " + service);
        return new ExportStatus(service, List.of(valid, conflict));
    }

    /**
     * {@code Conflict} of {@code export}: False when every export agrees; else True with every reason in the
     * service, and a message that tells this export's own differences first, then the others'.
     */
    private static ExportCondition conflictCondition(ServiceKey service, ServingExport export, ServingExport oldest,
                                                     Map<String, List<ExportConflict>> conflictsByCluster) {
        Set<String> reasons = new HashSet<>();
        conflictsByCluster.values().forEach(list -> list.forEach(c -> reasons.add(c.reason())));
        if (reasons.isEmpty()) {
            return new ExportCondition(ExportCondition.CONFLICT, false, REASON_NO_CONFLICTS,
                    "every export of " + service + " agrees");
        }
        String reason = REASON_ORDER.stream().filter(reasons::contains).collect(Collectors.joining(","));
        List<ExportConflict> mine = conflictsByCluster.get(export.clusterId());
        String message;
        if (!mine.isEmpty()) {
            message = "conflicts with the oldest export of " + service + ": " + listed(mine);
        } else {
            List<String> others = new ArrayList<>();
            conflictsByCluster.forEach((cluster, list) -> list.forEach(c -> others.add("cluster \"" + cluster
                    + "\": " + c.describe())));
            message = "exports of " + service + " disagree; this export's values "
                    + (export == oldest ? "are used (it is the oldest)" : "agree with the oldest's, which are used")
                    + ": " + listedText(others);
        }
        return new ExportCondition(ExportCondition.CONFLICT, true, reason, message);
    }

    private static String listed(List<ExportConflict> conflicts) {
        return listedText(conflicts.stream().map(ExportConflict::describe).toList());
    }

    private static String listedText(List<String> items) {
        String shown = items.stream().limit(MAX_LISTED_CONFLICTS).collect(Collectors.joining("; "));
        return items.size() <= MAX_LISTED_CONFLICTS ? shown
                : shown + "; and " + (items.size() - MAX_LISTED_CONFLICTS) + " more";
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
