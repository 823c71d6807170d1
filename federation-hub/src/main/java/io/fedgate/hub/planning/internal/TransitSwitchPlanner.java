package io.fedgate.hub.planning.internal;

import io.fedgate.api.model.TransitSwitch;
import io.fedgate.api.model.TransitSwitchMember;
import io.fedgate.api.net.Cidr;
import io.fedgate.hub.planning.PlanningException;
import io.fedgate.hub.planning.TransitAllocations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Lays out the transit switches and gives every interconnected AZ an address on each.
 * <ul>
 *   <li>switch {@code i} (from 0) is named as Kube-OVN names them, {@code ts}, {@code ts1}, {@code ts2},
 *       ..., with subnet {@code 169.254.(100+i).0/24};</li>
 *   <li>an AZ's address on a switch is host {@code index} of its subnet. An AZ keeps its index for as long
 *       as it stays in the group; a new AZ (newcomers by name) takes the lowest free index; an AZ leaving
 *       frees its index and nobody moves. Indexes are unique per switch (Kube-OVN picks them at random per
 *       AZ and can collide; this never does). Switches beyond the count are dropped with their indexes;</li>
 *   <li>the router port's MAC is {@code 0a:58:} followed by the four address bytes in hex
 *       ({@code 169.254.100.3 → 0a:58:a9:fe:64:03}): locally administered, unicast, and unique because the
 *       address is;</li>
 *   <li>gateway chassis: the AZ's gateway nodes rotated left by the switch number, so with several switches
 *       each has a different primary chassis and traffic spreads (ECMP).</li>
 * </ul>
 */
public final class TransitSwitchPlanner {
    /** The most AZs one /24 transit switch can hold: host indexes 1 to 254. */
    public static final int MAX_AZS_PER_SWITCH =
            TransitAllocations.MAX_HOST_INDEX - TransitAllocations.MIN_HOST_INDEX + 1;

    private static final String NAME_PREFIX = "ts";
    private static final int FIRST_SUBNET_OCTET = 100;
    private static final String MAC_PREFIX = "0a:58";

    /**
     * @param members     the interconnect group's AZs, any order
     * @param switchCount how many switches
     * @param previous    the allocations of the last plan
     * @throws PlanningException when more AZs than {@value #MAX_AZS_PER_SWITCH} are to be attached
     */
    public TransitLayout plan(List<InterconnectMember> members, int switchCount, TransitAllocations previous) {
        if (members.isEmpty()) {
            return TransitLayout.EMPTY;
        }
        if (members.size() > MAX_AZS_PER_SWITCH) {
            throw new PlanningException("interconnect group: " + members.size() + " availability zones do not fit on a"
                    + " transit switch, at most " + MAX_AZS_PER_SWITCH + " (host indexes "
                    + TransitAllocations.MIN_HOST_INDEX + ".." + TransitAllocations.MAX_HOST_INDEX + " of a /24)");
        }
        List<InterconnectMember> byZone = members.stream()
                .sorted(Comparator.comparing(InterconnectMember::availabilityZone)).toList();
        List<TransitSwitch> switches = new ArrayList<>(switchCount);
        Map<String, Map<String, Integer>> allocations = new TreeMap<>();
        for (int i = 0; i < switchCount; i++) {
            String name = switchName(i);
            Cidr subnet = Cidr.parse("169.254." + (FIRST_SUBNET_OCTET + i) + ".0/24");
            Map<String, Integer> indexes = hostIndexes(byZone, previous.indexesOn(name));
            List<TransitSwitchMember> attached = new ArrayList<>(byZone.size());
            for (InterconnectMember member : byZone) {
                Cidr address = subnet.host(indexes.get(member.availabilityZone()));
                attached.add(new TransitSwitchMember(member.availabilityZone(), address, mac(address),
                        rotated(member.gatewayNodes(), i)));
            }
            switches.add(new TransitSwitch(name, subnet, attached));
            allocations.put(name, indexes);
        }
        return new TransitLayout(switches, new TransitAllocations(allocations));
    }

    /** The name Kube-OVN gives switch {@code i}: {@code ts}, {@code ts1}, {@code ts2}, ... */
    public static String switchName(int i) {
        return i == 0 ? NAME_PREFIX : NAME_PREFIX + i;
    }

    /** Keeps the previous index of every AZ still present, then gives newcomers the lowest free ones. */
    private static Map<String, Integer> hostIndexes(List<InterconnectMember> byZone, Map<String, Integer> previous) {
        Map<String, Integer> indexes = new TreeMap<>();
        Set<Integer> taken = new HashSet<>();
        for (InterconnectMember member : byZone) {
            Integer kept = previous.get(member.availabilityZone());
            if (kept != null) {
                indexes.put(member.availabilityZone(), kept);
                taken.add(kept);
            }
        }
        int next = TransitAllocations.MIN_HOST_INDEX;
        for (InterconnectMember member : byZone) {
            if (!indexes.containsKey(member.availabilityZone())) {
                while (taken.contains(next)) {
                    next++;
                }
                indexes.put(member.availabilityZone(), next);
                taken.add(next);
            }
        }
        return indexes;
    }

    /** {@code 0a:58:} and the IPv4 address bytes in hex. */
    static String mac(Cidr address) {
        StringBuilder mac = new StringBuilder(MAC_PREFIX);
        for (String octet : address.addressText().split("\\.")) {
            mac.append(':').append(String.format(Locale.ROOT, "%02x", Integer.parseInt(octet)));
        }
        return mac.toString();
    }

    private static List<String> rotated(List<String> nodes, int by) {
        if (nodes.isEmpty()) {
            return nodes;
        }
        int shift = by % nodes.size();
        List<String> out = new ArrayList<>(nodes.subList(shift, nodes.size()));
        out.addAll(nodes.subList(0, shift));
        return out;
    }
}
