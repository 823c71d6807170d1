package io.fedgate.api.model;

import io.fedgate.api.net.Cidr;
import java.util.List;

/**
 * What OVN interconnection actually achieved in one cluster's availability zone, as its agent read it from
 * the databases (never what a plan asked for). The hub plans a pair {@code routed} only while both sides'
 * states show the pair's routes in place.
 *
 * @param mode            who owns the interconnection rows
 * @param daemonActive    an {@code ovn-ic} daemon holds the AZ's {@code ovn_ic} lock in its southbound database
 * @param registered      the AZ is registered in IC-SB ({@code Availability_Zone})
 * @param learnedPrefixes the prefixes ovn-ic learned into the AZ's NB, normalized, sorted, distinct
 * @param problems        what stops interconnection here, each naming what was found (a row another owner
 *                        wrote, a half-written {@code ovn-ic-config}, an unreachable database); empty when none
 */
public record InterconnectState(InterconnectMode mode, boolean daemonActive, boolean registered,
                                List<Cidr> learnedPrefixes, List<String> problems) {
    public InterconnectState {
        mode = mode == null ? InterconnectMode.KUBE_OVN : mode;
        learnedPrefixes = learnedPrefixes == null ? List.of()
                : learnedPrefixes.stream().map(Cidr::network).distinct().sorted().toList();
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** True when the daemon runs, the AZ is registered and nothing is reported wrong. */
    public boolean healthy() {
        return daemonActive && registered && problems.isEmpty();
    }

    /** True when some learned prefix holds {@code prefix}. */
    public boolean learned(Cidr prefix) {
        return learnedPrefixes.stream().anyMatch(l -> l.contains(prefix));
    }
}
