package io.fedgate.hub.planning;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterNetwork;
import io.fedgate.api.model.InterconnectState;
import io.fedgate.api.net.Cidr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether interconnection really carries a cluster pair, from both agents' {@link InterconnectState}: both
 * {@code ovn-ic} daemons active, both AZs registered in IC-SB, no problem reported on either side, and each side
 * has learned every pod and subnet prefix of the other. Pure.
 */
public final class RouteHealth {
    private RouteHealth() {
    }

    /**
     * Every pair of clusters that both report an interconnect state and have an availability zone, mapped to
     * whether its routes are in place. Pairs where either side reports nothing are left out: they are planned
     * by the interconnect group alone, as before agents reported.
     */
    public static Map<ClusterPair, Boolean> observe(List<ClusterInventory> inventories) {
        List<ClusterInventory> reporting = new ArrayList<>();
        for (ClusterInventory c : inventories) {
            if (c.network() != null && c.network().interconnect() != null && c.network().availabilityZone() != null) {
                reporting.add(c);
            }
        }
        reporting.sort(Comparator.comparing(ClusterInventory::clusterId));
        Map<ClusterPair, Boolean> out = new LinkedHashMap<>();
        for (int i = 0; i < reporting.size(); i++) {
            for (int j = i + 1; j < reporting.size(); j++) {
                ClusterInventory a = reporting.get(i);
                ClusterInventory b = reporting.get(j);
                out.put(ClusterPair.of(a.clusterId(), b.clusterId()), inPlace(a.network(), b.network()));
            }
        }
        return out;
    }

    /** True when both report healthy interconnection and each learned all of the other's pod prefixes. */
    public static boolean inPlace(ClusterNetwork a, ClusterNetwork b) {
        InterconnectState sa = a.interconnect();
        InterconnectState sb = b.interconnect();
        return sa != null && sb != null && sa.healthy() && sb.healthy() && learnedAll(sa, b) && learnedAll(sb, a);
    }

    /**
     * What is missing for the pair in words, for logs and the path decision ({@code ""} when in place):
     * e.g. {@code "ovn-ic of b is not active; a has not learned 10.17.0.0/16 of b"}.
     */
    public static String missing(String aId, ClusterNetwork a, String bId, ClusterNetwork b) {
        List<String> out = new ArrayList<>();
        describe(aId, a.interconnect(), out);
        describe(bId, b.interconnect(), out);
        notLearned(aId, a.interconnect(), bId, b, out);
        notLearned(bId, b.interconnect(), aId, a, out);
        return String.join("; ", out);
    }

    private static void describe(String id, InterconnectState s, List<String> out) {
        if (s == null) {
            out.add(id + " reports no interconnect state");
            return;
        }
        if (!s.daemonActive()) {
            out.add("ovn-ic of " + id + " is not active");
        }
        if (!s.registered()) {
            out.add("AZ of " + id + " is not registered in IC-SB");
        }
        s.problems().forEach(p -> out.add(id + ": " + p));
    }

    private static void notLearned(String learnerId, InterconnectState learner, String ownerId, ClusterNetwork owner,
                                   List<String> out) {
        if (learner == null) {
            return;
        }
        for (Cidr p : owner.podAddressCidrs()) {
            if (!learner.learned(p)) {
                out.add(learnerId + " has not learned " + p + " of " + ownerId);
            }
        }
    }

    private static boolean learnedAll(InterconnectState learner, ClusterNetwork owner) {
        return owner.podAddressCidrs().stream().allMatch(learner::learned);
    }
}
