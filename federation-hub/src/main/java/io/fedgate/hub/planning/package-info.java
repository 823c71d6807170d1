/**
 * The hub's planners: pure, deterministic functions from the cluster set's inventories to each cluster's
 * plan. No I/O, no clock, no Hazelcast, Vert.x, Netty or fabric8: equal input gives an equal plan whatever
 * the order of clusters, exports, endpoints or prefixes (everything is sorted by cluster id, service key,
 * prefix or address). Entry point: {@link io.fedgate.hub.planning.FederationPlanner#plan}; input is
 * validated on construction of {@link io.fedgate.hub.planning.PlanningInput} and refused with a
 * {@link io.fedgate.hub.planning.PlanningException} naming the field and value.
 *
 * <h2>Overlap rule</h2>
 * A cluster's <em>routable</em> prefixes are its pod CIDRs, Kube-OVN subnet CIDRs and join CIDRs: addresses
 * pods send to and receive from. Its <em>service</em> prefixes hold virtual IPs that never leave it. Two
 * clusters <em>conflict</em> when a routable prefix of either overlaps any prefix (routable or service) of the
 * other: a pod could then not tell a remote pod from a local pod or service. Service prefixes overlapping
 * each other do not conflict: almost every cluster uses 10.96.0.0/12, and routed imports use remote pod
 * addresses, never service IPs. (A naive rule that compares pods with pods only misses a remote pod range
 * inside the local service range; one that compares everything forces gateways on every default cluster.)
 * Prefixes are compared normalized; nested and identical prefixes overlap; IPv4 and IPv6 are handled and
 * prefixes of different families never overlap.
 *
 * <h2>Data paths</h2>
 * Per ordered pair (client, server), first rule that applies: same cluster → DIRECT; both Kube-OVN underlay
 * and not conflicting → DIRECT (the fabric routes them); either side not Kube-OVN → GATEWAY; conflicting →
 * GATEWAY; either side outside the interconnect group → GATEWAY; else ROUTED.
 * {@link io.fedgate.hub.planning.PathDecision#describe()} says why in words.
 *
 * <h2>Interconnect group</h2>
 * OVN-IC is one L3 domain: every AZ on a transit switch learns every other member's routes. So the routed
 * set must be pairwise non-conflicting, or a third AZ would learn two routes for one prefix. Candidates are
 * Kube-OVN clusters (overlay or underlay) with an availability-zone name and at least one ovn-ic gateway
 * node. Candidates that hold transit addresses in the previous allocations (incumbents) come first, then
 * newcomers, each sorted by cluster id; a candidate joins when its AZ name is free and it conflicts with no
 * member already in. Incumbents first means a newcomer never evicts a running member. A lone candidate is
 * no group. The group holds at most 254 AZs (the host addresses of a /24 transit switch); candidates beyond
 * that use gateways instead of failing the whole plan. Everyone else uses gateways; {@link io.fedgate.hub.planning.InterconnectGroup} says why.
 *
 * <h2>Route denylists</h2>
 * An AZ's denylist holds every prefix of every other cluster in the set that overlaps any prefix of its own,
 * plus every prefix of another member that overlaps a prefix of a third member (it would learn two routes
 * for it); normalized, sorted, deduplicated. Between members that can only be service ranges, so no AZ
 * learns another's service range and no member's pods become unreachable.
 *
 * <h2>Imports (KEP-1645)</h2>
 * Every exported service is imported by every cluster. Exports are ranked by {@code exportedAt}, ties by
 * cluster id; the oldest wins: ports are the union, a port whose name or number/protocol is taken by a
 * different older definition is left out; type, session affinity and its timeout, internal traffic policy,
 * traffic distribution, IP families, exported labels and annotations and traffic policy are the oldest
 * export's. Each export gets {@code Valid=True}. When any export differs from the oldest (ports not the same
 * set included), every export of the service gets {@code Conflict=True}, the oldest too, with the reasons of
 * the whole service joined by commas in a fixed order ({@code PortConflict}, {@code TypeConflict},
 * {@code SessionAffinityConflict}, {@code SessionAffinityConfigConflict}, {@code LabelsConflict},
 * {@code AnnotationsConflict}, {@code InternalTrafficPolicyConflict}, {@code TrafficDistributionConflict},
 * {@code IPFamilyConflict}, {@code TrafficPolicyConflict}) and a message naming the clusters and values;
 * when all agree, {@code Conflict=False} ({@code NoConflicts}).
 *
 * <h2>Load balancing</h2>
 * Per import and client: one entry per serving cluster (sorted by id) with locality, path, weight and
 * priority (a policy's {@code failoverOrder} overrides priorities: position in the list, unnamed clusters
 * after), and health: an expired lease withdraws the endpoints but keeps the entry.
 *
 * <h2>Transit switches</h2>
 * {@code ts}, {@code ts1}, ... with subnets 169.254.(100+i).0/24. Host indexes are stable: kept while an AZ
 * stays, lowest free one for a newcomer, freed when it leaves; the hub persists
 * {@link io.fedgate.hub.planning.TransitAllocations} and passes it back.
 *
 * <h2>Versions</h2>
 * Every {@link io.fedgate.api.model.ClusterPlan} and the {@link io.fedgate.api.model.InterconnectPlan} come
 * out at version 0. The hub compares each plan with the one it stored and stamps a new version only when
 * the content changed.
 */
package io.fedgate.hub.planning;
