package io.fedgate.interconnect.internal;

import io.fedgate.api.model.AvailabilityZonePlan;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.TransitSwitch;
import io.fedgate.api.model.TransitSwitchMember;
import io.fedgate.api.net.Cidr;
import io.fedgate.interconnect.IcEndpoints;
import io.fedgate.interconnect.InterconnectConfigException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a plan before anything is written, and reports every problem with its path and value
 * ({@code transitSwitches[1].members[0].address: "169.254.101.3/24" is not inside subnet 169.254.100.0/24}).
 * The reconcilers apply the plan's addresses; they never compute them, so a bad plan must stop here.
 */
public final class PlanValidator {
    /** A transit switch name that is also safe inside port names. */
    public static final Pattern SWITCH_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    /** A MAC address as OVN writes it. */
    public static final Pattern MAC = Pattern.compile("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    /** Gateway chassis per attachment; priorities count down from 100. */
    public static final int MAX_GATEWAY_CHASSIS = 100;

    private PlanValidator() {
    }

    /**
     * @throws InterconnectConfigException listing every problem found
     */
    public static void validate(InterconnectPlan plan) {
        List<String> problems = new ArrayList<>();
        if (plan == null) {
            throw new InterconnectConfigException("plan: missing");
        }
        Set<String> zoneNames = new HashSet<>();
        for (int i = 0; i < plan.zones().size(); i++) {
            AvailabilityZonePlan z = plan.zones().get(i);
            String at = "zones[" + i + "]";
            if (z == null) {
                problems.add(at + ": missing");
                continue;
            }
            if (z.availabilityZone() == null || !IcEndpoints.ZONE_NAME.matcher(z.availabilityZone()).matches()) {
                problems.add(at + ".availabilityZone: \"" + z.availabilityZone() + "\" must match " + IcEndpoints.ZONE_NAME.pattern());
            } else if (!zoneNames.add(z.availabilityZone())) {
                problems.add(at + ".availabilityZone: \"" + z.availabilityZone() + "\" appears twice");
            }
            for (int j = 0; j < z.routeDenylist().size(); j++) {
                if (z.routeDenylist().get(j) == null) {
                    problems.add(at + ".routeDenylist[" + j + "]: missing");
                }
            }
        }
        Set<String> switchNames = new HashSet<>();
        for (int i = 0; i < plan.transitSwitches().size(); i++) {
            TransitSwitch ts = plan.transitSwitches().get(i);
            String at = "transitSwitches[" + i + "]";
            if (ts == null) {
                problems.add(at + ": missing");
                continue;
            }
            if (ts.name() == null || !SWITCH_NAME.matcher(ts.name()).matches()) {
                problems.add(at + ".name: \"" + ts.name() + "\" must match " + SWITCH_NAME.pattern());
            } else if (!switchNames.add(ts.name())) {
                problems.add(at + ".name: \"" + ts.name() + "\" appears twice");
            }
            if (ts.subnet() == null) {
                problems.add(at + ".subnet: missing");
            }
            members(ts, at, zoneNames, problems);
        }
        if (!problems.isEmpty()) {
            throw new InterconnectConfigException("plan version " + plan.version() + " is not valid: "
                    + String.join("; ", problems));
        }
    }

    private static void members(TransitSwitch ts, String at, Set<String> zoneNames, List<String> problems) {
        Set<String> azs = new HashSet<>();
        Set<Cidr> addresses = new HashSet<>();
        Set<String> macs = new HashSet<>();
        for (int j = 0; j < ts.members().size(); j++) {
            TransitSwitchMember m = ts.members().get(j);
            String mat = at + ".members[" + j + "]";
            if (m == null) {
                problems.add(mat + ": missing");
                continue;
            }
            if (m.availabilityZone() == null || !zoneNames.contains(m.availabilityZone())) {
                problems.add(mat + ".availabilityZone: \"" + m.availabilityZone() + "\" has no entry in zones");
            } else if (!azs.add(m.availabilityZone())) {
                problems.add(mat + ".availabilityZone: \"" + m.availabilityZone() + "\" is on this switch twice");
            }
            if (m.address() == null) {
                problems.add(mat + ".address: missing");
            } else {
                String text = m.address().toInterfaceString();
                if (ts.subnet() != null && (!ts.subnet().contains(m.address())
                        || m.address().prefixLength() != ts.subnet().prefixLength())) {
                    problems.add(mat + ".address: \"" + text + "\" is not inside subnet " + ts.subnet()
                            + " with its prefix length");
                } else if (m.address().addressText().equals(m.address().networkAddressText())) {
                    problems.add(mat + ".address: \"" + text + "\" is the subnet's network address");
                }
                if (!addresses.add(Cidr.parse(m.address().addressText() + "/" + (m.address().isIpv6() ? 128 : 32)))) {
                    problems.add(mat + ".address: \"" + text + "\" is used twice on this switch");
                }
            }
            if (m.mac() == null || !MAC.matcher(m.mac()).matches()) {
                problems.add(mat + ".mac: \"" + m.mac() + "\" is not a MAC address (xx:xx:xx:xx:xx:xx)");
            } else if (!macs.add(m.mac().toLowerCase(java.util.Locale.ROOT))) {
                problems.add(mat + ".mac: \"" + m.mac() + "\" is used twice on this switch");
            }
            if (m.gatewayChassis().size() > MAX_GATEWAY_CHASSIS) {
                problems.add(mat + ".gatewayChassis: " + m.gatewayChassis().size() + " entries, at most "
                        + MAX_GATEWAY_CHASSIS);
            }
            Set<String> seen = new HashSet<>();
            for (int k = 0; k < m.gatewayChassis().size(); k++) {
                String g = m.gatewayChassis().get(k);
                if (g == null || g.isBlank()) {
                    problems.add(mat + ".gatewayChassis[" + k + "]: empty");
                } else if (!seen.add(g)) {
                    problems.add(mat + ".gatewayChassis[" + k + "]: \"" + g + "\" appears twice");
                }
            }
        }
    }
}
