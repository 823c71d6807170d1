package io.fedgate.hub.planning;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The clusters joined by OVN interconnection, and why every other cluster is not.
 *
 * <p>OVN-IC is one L3 domain: every AZ on a transit switch learns every other member's routes. So the
 * members' pod, subnet and join prefixes are pairwise non-overlapping, and every pair of members is
 * {@link io.fedgate.api.model.DataPath#ROUTED}. See the package description for how members are chosen.
 *
 * @param members    member cluster ids, sorted
 * @param exclusions every other cluster with the reason it is not a member, sorted by cluster id
 */
public record InterconnectGroup(List<String> members, List<Exclusion> exclusions) {
    /** No cluster is interconnected. */
    public static final InterconnectGroup EMPTY = new InterconnectGroup(List.of(), List.of());

    public InterconnectGroup {
        members = members == null ? List.of() : members.stream().sorted().toList();
        exclusions = exclusions == null ? List.of()
                : exclusions.stream().sorted(Comparator.comparing(Exclusion::clusterId)).toList();
    }

    /** True when {@code clusterId} is a member. */
    public boolean contains(String clusterId) {
        return Collections.binarySearch(members, clusterId) >= 0;
    }

    /** True when no cluster is interconnected. */
    public boolean isEmpty() {
        return members.isEmpty();
    }

    /** Why {@code clusterId} is not a member, or null when it is one (or is unknown). */
    public String exclusionReason(String clusterId) {
        return exclusions.stream().filter(e -> e.clusterId().equals(clusterId)).map(Exclusion::reason)
                .findFirst().orElse(null);
    }

    /** A cluster left out of the group and why, in words for the operator. */
    public record Exclusion(String clusterId, String reason) {
    }
}
