package io.fedgate.hub.planning.internal;

import io.fedgate.api.model.AvailabilityZonePlan;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.net.Cidr;
import io.fedgate.hub.planning.InterconnectGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The OVN-IC settings of each interconnected AZ: advertise and learn routes, and never learn the prefixes on
 * its route denylist. An AZ's denylist holds, normalized, deduplicated and sorted:
 * <ol>
 *   <li>every prefix (pod, subnet, join or service) of every other cluster in the set that overlaps any
 *       prefix of its own;</li>
 *   <li>every prefix of another group member that overlaps a prefix of a third member: the AZ would
 *       otherwise learn two routes for one range. Members' pod, subnet and join prefixes never overlap
 *       (that is the group's rule), so this only ever catches service ranges.</li>
 * </ol>
 * A routable prefix of a member never lands on another member's denylist: members have no conflicting
 * overlap ({@link AddressSpace#conflictWith}), so what rule 1 catches between members is a service range
 * overlapping a service range.
 */
public final class AvailabilityZonePlanner {

    /**
     * @param spaces every cluster's address space, in the order of {@code clusters}
     * @return one plan per group member, sorted by AZ name
     */
    public List<AvailabilityZonePlan> plan(List<ClusterInventory> clusters, List<AddressSpace> spaces,
                                           InterconnectGroup group) {
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < clusters.size(); i++) {
            if (group.contains(clusters.get(i).clusterId())) {
                members.add(i);
            }
        }
        List<SharedPrefix> shared = prefixesSharedAmongMembers(spaces, members);
        List<AvailabilityZonePlan> plans = new ArrayList<>(members.size());
        for (int member : members) {
            SortedSet<Cidr> denylist = overlappingOwn(spaces, member);
            shared.stream().filter(s -> s.owner() != member && s.overlapsMemberOtherThan(member))
                    .forEach(s -> denylist.add(s.prefix()));
            plans.add(new AvailabilityZonePlan(clusters.get(member).network().availabilityZone(),
                    clusters.get(member).clusterId(), true, true, List.copyOf(denylist)));
        }
        plans.sort(Comparator.comparing(AvailabilityZonePlan::availabilityZone));
        return plans;
    }

    /** Rule 1: other clusters' prefixes overlapping one of {@code member}'s own. */
    private static SortedSet<Cidr> overlappingOwn(List<AddressSpace> spaces, int member) {
        AddressSpace own = spaces.get(member);
        SortedSet<Cidr> denylist = new TreeSet<>();
        for (int other = 0; other < spaces.size(); other++) {
            if (other != member) {
                spaces.get(other).all().stream().filter(own::overlapsAny).forEach(denylist::add);
            }
        }
        return denylist;
    }

    /** For rule 2: each member prefix that overlaps a prefix of at least one other member, with those members. */
    private static List<SharedPrefix> prefixesSharedAmongMembers(List<AddressSpace> spaces, List<Integer> members) {
        List<SharedPrefix> shared = new ArrayList<>();
        for (int owner : members) {
            for (Cidr prefix : spaces.get(owner).all()) {
                List<Integer> overlapping = members.stream()
                        .filter(m -> m != owner && spaces.get(m).overlapsAny(prefix)).toList();
                if (!overlapping.isEmpty()) {
                    shared.add(new SharedPrefix(owner, prefix, overlapping));
                }
            }
        }
        return shared;
    }

    /** A member's prefix and the other members with an overlapping prefix. */
    private record SharedPrefix(int owner, Cidr prefix, List<Integer> overlappingMembers) {
        boolean overlapsMemberOtherThan(int member) {
            return overlappingMembers.size() > 1 || overlappingMembers.get(0) != member;
        }
    }
}
