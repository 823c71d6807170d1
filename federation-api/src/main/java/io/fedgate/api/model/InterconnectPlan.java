package io.fedgate.api.model;

import java.util.List;

/**
 * The OVN-IC layout of the cluster set: the transit switches (IC-NB) and each routed AZ's settings.
 * Only clusters joined by the {@link DataPath#ROUTED} path appear.
 */
public record InterconnectPlan(long version, List<TransitSwitch> transitSwitches,
                               List<AvailabilityZonePlan> zones) {
    /** No interconnection at all. */
    public static final InterconnectPlan EMPTY = new InterconnectPlan(0, List.of(), List.of());

    public InterconnectPlan {
        transitSwitches = transitSwitches == null ? List.of() : List.copyOf(transitSwitches);
        zones = zones == null ? List.of() : List.copyOf(zones);
    }

    /** The plan of {@code availabilityZone}, or null when it is not interconnected. */
    public AvailabilityZonePlan zone(String availabilityZone) {
        return zones.stream().filter(z -> z.availabilityZone().equals(availabilityZone)).findFirst().orElse(null);
    }
}
