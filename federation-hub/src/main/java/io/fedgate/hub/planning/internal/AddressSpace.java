package io.fedgate.hub.planning.internal;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterNetwork;
import io.fedgate.api.net.Cidr;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The prefixes of one cluster, normalized (host bits cleared), deduplicated and sorted, split by what they
 * carry: <em>routable</em> prefixes hold addresses pods send to and receive from (pod CIDRs, Kube-OVN subnet
 * CIDRs, the join CIDR); <em>service</em> prefixes hold virtual IPs that never leave their cluster.
 */
public final class AddressSpace {
    private final String clusterId;
    private final List<Cidr> routable;
    private final List<Cidr> services;
    private final List<Cidr> all;

    private AddressSpace(String clusterId, List<Cidr> routable, List<Cidr> services) {
        this.clusterId = clusterId;
        this.routable = routable;
        this.services = services;
        this.all = normalized(Stream.concat(routable.stream(), services.stream()).toList());
    }

    /** The address space {@code inventory} reports. */
    public static AddressSpace of(ClusterInventory inventory) {
        ClusterNetwork network = inventory.network();
        List<Cidr> routable = new ArrayList<>(network.podCidrs());
        routable.addAll(network.joinCidrs());
        network.subnets().forEach(subnet -> routable.addAll(subnet.cidrs()));
        return new AddressSpace(inventory.clusterId(), normalized(routable), normalized(network.serviceCidrs()));
    }

    /** Whose prefixes these are. */
    public String clusterId() {
        return clusterId;
    }

    /** Pod, subnet and join prefixes. */
    public List<Cidr> routable() {
        return routable;
    }

    /** Service prefixes. */
    public List<Cidr> services() {
        return services;
    }

    /** Every prefix, routable and service. */
    public List<Cidr> all() {
        return all;
    }

    /** True when some prefix of this space overlaps {@code prefix}. */
    public boolean overlapsAny(Cidr prefix) {
        return firstOverlapping(all, prefix) != null;
    }

    /**
     * The first overlap between the two clusters that pods could not tell apart, or null: a routable prefix of
     * one overlapping any prefix of the other. Service prefixes overlapping each other do not count: service
     * IPs never cross clusters (routed imports use remote pod addresses), and nearly every cluster uses
     * 10.96.0.0/12. Pairs are tried in sorted order, so the answer is deterministic.
     */
    public PrefixOverlap conflictWith(AddressSpace other) {
        for (Cidr mine : routable) {
            Cidr theirs = firstOverlapping(other.all, mine);
            if (theirs != null) {
                return new PrefixOverlap(mine, theirs);
            }
        }
        for (Cidr mine : services) {
            Cidr theirs = firstOverlapping(other.routable, mine);
            if (theirs != null) {
                return new PrefixOverlap(mine, theirs);
            }
        }
        return null;
    }

    private static Cidr firstOverlapping(List<Cidr> prefixes, Cidr prefix) {
        for (Cidr candidate : prefixes) {
            if (candidate.overlaps(prefix)) {
                return candidate;
            }
        }
        return null;
    }

    private static List<Cidr> normalized(Collection<Cidr> prefixes) {
        return prefixes.stream().map(Cidr::network).distinct().sorted().toList();
    }

    @Override
    public String toString() {
        return "AddressSpace[" + clusterId + " routable=" + routable + " services=" + services + "]";
    }
}
