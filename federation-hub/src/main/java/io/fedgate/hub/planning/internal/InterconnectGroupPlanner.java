package io.fedgate.hub.planning.internal;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterNetwork;
import io.fedgate.api.model.NetworkKind;
import io.fedgate.hub.planning.InterconnectGroup;
import io.fedgate.hub.planning.InterconnectGroup.Exclusion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Chooses the clusters OVN interconnection joins. Candidates are Kube-OVN clusters (overlay or underlay)
 * with an availability-zone name and at least one ovn-ic gateway node. Candidates that already hold transit
 * addresses (incumbents) are considered first, then newcomers, each by cluster id; a candidate joins when
 * its AZ name is not taken and it has no conflicting overlap with any member already in. So a newcomer never
 * pushes an incumbent out, and the outcome does not depend on input order. A group of one is no group.
 * The group holds at most as many AZs as a transit switch has addresses; later candidates use gateways
 * rather than the whole cluster set going without a plan.
 */
public final class InterconnectGroupPlanner {
    private final int maxMembers;

    /** A planner whose groups fit on a transit switch ({@value TransitSwitchPlanner#MAX_AZS_PER_SWITCH} AZs). */
    public InterconnectGroupPlanner() {
        this(TransitSwitchPlanner.MAX_AZS_PER_SWITCH);
    }

    /** A planner whose groups hold at most {@code maxMembers} clusters. */
    public InterconnectGroupPlanner(int maxMembers) {
        if (maxMembers < 2) {
            throw new IllegalArgumentException("maxMembers (" + maxMembers + ") must be >= 2");
        }
        this.maxMembers = maxMembers;
    }

    /**
     * @param clusters       every cluster, sorted by id, in the order of {@code overlaps}' spaces
     * @param incumbentZones AZ names holding transit addresses from the previous plan
     */
    public InterconnectGroup plan(List<ClusterInventory> clusters, OverlapTable overlaps, Set<String> incumbentZones) {
        List<Exclusion> exclusions = new ArrayList<>();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < clusters.size(); i++) {
            String ineligibility = ineligibility(clusters.get(i).network());
            if (ineligibility == null) {
                candidates.add(i);
            } else {
                exclusions.add(new Exclusion(clusters.get(i).clusterId(), ineligibility));
            }
        }
        candidates.sort(Comparator.comparing((Integer i) -> !incumbentZones.contains(zoneOf(clusters.get(i))))
                .thenComparing(i -> clusters.get(i).clusterId()));

        // positions in the id-sorted list, so iterating them goes in id order and messages name the same member
        // whatever the admission order was
        SortedSet<Integer> members = new TreeSet<>();
        Map<String, String> memberOfZone = new HashMap<>();
        for (int candidate : candidates) {
            String refusal = refusal(candidate, clusters, overlaps, members, memberOfZone);
            if (refusal == null) {
                members.add(candidate);
                memberOfZone.put(zoneOf(clusters.get(candidate)), clusters.get(candidate).clusterId());
            } else {
                exclusions.add(new Exclusion(clusters.get(candidate).clusterId(), refusal));
            }
        }
        if (members.size() < 2) {
            members.forEach(m -> exclusions.add(new Exclusion(clusters.get(m).clusterId(),
                    "no other cluster can be interconnected with it")));
            return new InterconnectGroup(List.of(), exclusions);
        }
        return new InterconnectGroup(members.stream().map(m -> clusters.get(m).clusterId()).toList(), exclusions);
    }

    private static String ineligibility(ClusterNetwork network) {
        if (network.kind() == NetworkKind.OTHER) {
            return "does not run Kube-OVN";
        }
        if (network.availabilityZone() == null) {
            return "has no OVN availability zone name (ovn-ic not enabled)";
        }
        if (network.gatewayNodes().isEmpty()) {
            return "has no ovn-ic gateway node to carry interconnect traffic";
        }
        return null;
    }

    private String refusal(int candidate, List<ClusterInventory> clusters, OverlapTable overlaps,
                                  SortedSet<Integer> members, Map<String, String> memberOfZone) {
        if (members.size() >= maxMembers) {
            return "the interconnect group is full (" + maxMembers + " availability zones, the host addresses of a"
                    + " transit switch)";
        }
        String zoneHolder = memberOfZone.get(zoneOf(clusters.get(candidate)));
        if (zoneHolder != null) {
            return "availability zone \"" + zoneOf(clusters.get(candidate)) + "\" is already used by member "
                    + zoneHolder;
        }
        for (int member : members) {
            PrefixOverlap overlap = overlaps.conflict(candidate, member);
            if (overlap != null) {
                return overlap.mine() + " overlaps " + overlap.theirs() + " of member "
                        + clusters.get(member).clusterId();
            }
        }
        return null;
    }

    private static String zoneOf(ClusterInventory cluster) {
        return cluster.network().availabilityZone();
    }
}
