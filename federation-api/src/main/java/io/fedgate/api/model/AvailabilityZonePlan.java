package io.fedgate.api.model;

import io.fedgate.api.net.Cidr;
import java.util.List;

/**
 * What one OVN availability zone's NB should hold for interconnection.
 *
 * @param routeDenylist prefixes this AZ must never learn: other clusters' prefixes that overlap its own
 */
public record AvailabilityZonePlan(String availabilityZone, String clusterId, boolean advertise, boolean learn,
                                   List<Cidr> routeDenylist) {
    public AvailabilityZonePlan {
        routeDenylist = routeDenylist == null ? List.of() : List.copyOf(routeDenylist);
    }
}
