package io.fedgate.api.topology;

import io.fedgate.api.model.KubeOvnSubnet;
import io.fedgate.api.net.Cidr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a topology amounts to: its clusters, its exports and, above all, which cluster pairs share
 * address space (pod, service, join and subnet prefixes, IPv4 and IPv6). A pair that overlaps cannot
 * be routed; its traffic must go through gateways. Pure.
 *
 * @param overlaps one entry per overlapping cluster pair, in file order of the pair's clusters
 */
public record TopologySummary(String clusterSet, List<TopologyCluster> clusters, List<TopologyService> services,
                              List<ClusterPairOverlap> overlaps) {
    public TopologySummary {
        clusters = List.copyOf(clusters);
        services = List.copyOf(services);
        overlaps = List.copyOf(overlaps);
    }

    /**
     * Two clusters sharing address space.
     *
     * @param prefixes every pair of overlapping prefixes, {@code first}'s then {@code second}'s
     */
    public record ClusterPairOverlap(String first, String second, List<PrefixOverlap> prefixes) {
        public ClusterPairOverlap {
            prefixes = List.copyOf(prefixes);
        }

        /** The shared address ranges: the more specific prefix of each overlapping pair, distinct, sorted. */
        public List<Cidr> sharedPrefixes() {
            return prefixes.stream()
                    .map(p -> p.first().prefixLength() >= p.second().prefixLength() ? p.first() : p.second())
                    .map(Cidr::network)
                    .distinct()
                    .sorted()
                    .toList();
        }
    }

    /**
     * One overlapping prefix pair.
     *
     * @param firstUse what the first cluster uses the prefix for: {@code pods}, {@code services},
     *                 {@code join}, {@code subnet <name>}, comma-separated when several
     */
    public record PrefixOverlap(Cidr first, String firstUse, Cidr second, String secondUse) {
    }

    /** The summary of {@code topology}. */
    public static TopologySummary of(Topology topology) {
        List<TopologyCluster> clusters = topology.clusters();
        List<ClusterPairOverlap> overlaps = new ArrayList<>();
        for (int i = 0; i < clusters.size(); i++) {
            for (int j = i + 1; j < clusters.size(); j++) {
                List<PrefixOverlap> shared = overlappingPrefixes(prefixUses(clusters.get(i)), prefixUses(clusters.get(j)));
                if (!shared.isEmpty()) {
                    overlaps.add(new ClusterPairOverlap(clusters.get(i).id(), clusters.get(j).id(), shared));
                }
            }
        }
        return new TopologySummary(topology.clusterSet(), clusters, topology.services(), overlaps);
    }

    /** How many exports the topology has: one per service per exporting cluster. */
    public int exportCount() {
        return services.stream().mapToInt(s -> s.exportedFrom().size()).sum();
    }

    /** The overlap between clusters {@code a} and {@code b} in either order, or null when they share nothing. */
    public ClusterPairOverlap overlapBetween(String a, String b) {
        return overlaps.stream()
                .filter(o -> o.first().equals(a) && o.second().equals(b) || o.first().equals(b) && o.second().equals(a))
                .findFirst().orElse(null);
    }

    private static List<PrefixOverlap> overlappingPrefixes(Map<Cidr, String> first, Map<Cidr, String> second) {
        List<PrefixOverlap> shared = new ArrayList<>();
        first.forEach((a, aUse) -> second.forEach((b, bUse) -> {
            if (a.overlaps(b)) {
                shared.add(new PrefixOverlap(a, aUse, b, bUse));
            }
        }));
        return shared;
    }

    /** Every prefix of a cluster with what it is used for; a prefix used twice is listed once. */
    private static Map<Cidr, String> prefixUses(TopologyCluster cluster) {
        Map<Cidr, String> uses = new LinkedHashMap<>();
        cluster.podCidrs().forEach(c -> addUse(uses, c, "pods"));
        cluster.serviceCidrs().forEach(c -> addUse(uses, c, "services"));
        cluster.joinCidrs().forEach(c -> addUse(uses, c, "join"));
        for (KubeOvnSubnet subnet : cluster.subnets()) {
            subnet.cidrs().forEach(c -> addUse(uses, c, "subnet " + subnet.name()));
        }
        return uses;
    }

    private static void addUse(Map<Cidr, String> uses, Cidr cidr, String use) {
        uses.merge(cidr.network(), use, (existing, added) -> existing + ", " + added);
    }
}
