package io.fedgate.hub.planning;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which host index each availability zone holds on each transit switch: AZ {@code az1} with index 3 on
 * {@code ts} has the address {@code 169.254.100.3/24} there. Only the hub decides these, so the hub
 * persists this record and passes it back in as {@link PlanningInput#previousAllocations()}: that is what
 * keeps transit addresses unchanged across hub restarts and AZs joining or leaving.
 *
 * <p>Validated on construction (indexes within {@value #MIN_HOST_INDEX}..{@value #MAX_HOST_INDEX}, unique
 * per switch), so a damaged persisted record is refused with the switch, AZ and index named. The maps are
 * sorted, unmodifiable copies; equal allocations compare equal and serialize in one order.
 *
 * @param hostIndexes transit switch name → availability-zone name → host index
 */
public record TransitAllocations(Map<String, Map<String, Integer>> hostIndexes) {
    /** Lowest host index handed out: {@code .0} is the switch's network address. */
    public static final int MIN_HOST_INDEX = 1;
    /** Highest host index handed out: {@code .255} is the /24's broadcast address. */
    public static final int MAX_HOST_INDEX = 254;
    /** No transit switch holds any AZ. */
    public static final TransitAllocations EMPTY = new TransitAllocations(Map.of());

    /**
     * @throws PlanningException when a name is blank, an index is out of range or two AZs share one on a switch
     */
    public TransitAllocations {
        SortedMap<String, Map<String, Integer>> switches = new TreeMap<>();
        if (hostIndexes != null) {
            hostIndexes.forEach((switchName, byZone) -> {
                checkName(switchName, "transitAllocations", "transit switch");
                switches.put(switchName, validatedSwitch(switchName, byZone));
            });
        }
        hostIndexes = Collections.unmodifiableSortedMap(switches);
    }

    /** The host index {@code availabilityZone} holds on {@code transitSwitch}, or null. */
    public Integer hostIndex(String transitSwitch, String availabilityZone) {
        return indexesOn(transitSwitch).get(availabilityZone);
    }

    /** AZ name → host index on {@code transitSwitch}, sorted by AZ name; empty when the switch is unknown. */
    public Map<String, Integer> indexesOn(String transitSwitch) {
        return hostIndexes.getOrDefault(transitSwitch, Map.of());
    }

    /** Every AZ holding an index on at least one switch, sorted. */
    public SortedSet<String> availabilityZones() {
        SortedSet<String> zones = new TreeSet<>();
        hostIndexes.values().forEach(byZone -> zones.addAll(byZone.keySet()));
        return Collections.unmodifiableSortedSet(zones);
    }

    private static Map<String, Integer> validatedSwitch(String switchName, Map<String, Integer> byZone) {
        SortedMap<String, Integer> indexes = new TreeMap<>();
        Map<Integer, String> holders = new HashMap<>();
        if (byZone != null) {
            // sorted so the error names the same pair of AZs whatever order the map iterates in
            byZone.keySet().forEach(zone ->
                    checkName(zone, "transitAllocations[" + switchName + "]", "availability zone"));
            new TreeMap<>(byZone).forEach((zone, index) -> {
                String where = "transitAllocations[" + switchName + "][" + zone + "]";
                if (index == null || index < MIN_HOST_INDEX || index > MAX_HOST_INDEX) {
                    throw new PlanningException(where + ": host index " + index + " is outside "
                            + MIN_HOST_INDEX + ".." + MAX_HOST_INDEX);
                }
                String holder = holders.putIfAbsent(index, zone);
                if (holder != null) {
                    throw new PlanningException(where + ": host index " + index + " is already held by AZ \""
                            + holder + "\" on the same switch");
                }
                indexes.put(zone, index);
            });
        }
        return Collections.unmodifiableSortedMap(indexes);
    }

    private static void checkName(String name, String where, String what) {
        if (name == null || name.isBlank()) {
            throw new PlanningException(where + ": " + what + " name " + (name == null ? "null" : "\"" + name + "\"")
                    + " is blank");
        }
    }
}
