package io.fedgate.cli.testing;

import io.fedgate.api.model.AvailabilityZonePlan;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.TransitSwitch;
import io.fedgate.api.model.TransitSwitchMember;
import io.fedgate.api.net.Cidr;
import io.fedgate.interconnect.localstack.OvnIcStack;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** A real two-AZ OVN-IC stack (az1, az2) and the plan that joins them, for the cli's OVN tests. */
public final class TwoZoneInterconnect {
    private TwoZoneInterconnect() {
    }

    /** Starts the stack, or skips the test with the reason when Debian's OVN packages are missing. */
    public static OvnIcStack startStack() {
        return start(OvnIcStack.options().zones(2));
    }

    /** As {@link #startStack()}, every database also listening with TLS (certificates of the stack's own CA). */
    public static OvnIcStack startStackWithTls() {
        return start(OvnIcStack.options().zones(2).tls());
    }

    /**
     * As {@link #startStack()}; with {@code named}, each AZ's NB_Global carries its name and route settings
     * (as Kube-OVN's ovn-ic-controller sets them), else fedgate's reconciler sets them.
     */
    public static OvnIcStack startStack(boolean named) {
        OvnIcStack.Options.Builder options = OvnIcStack.options().zones(2);
        return start(named ? options.nameZones() : options);
    }

    private static OvnIcStack start(OvnIcStack.Options.Builder options) {
        Assumptions.assumeTrue(OvnIcStack.unavailableReason().isEmpty(), () -> OvnIcStack.unavailableReason().get()
                + " (CI installs the OVN packages through test-env/install-test-deps.sh)");
        return OvnIcStack.start(options.build());
    }

    /** az1 and az2 on transit switch {@code ts}, addresses as the hub's planner lays them out. */
    public static InterconnectPlan plan(long version) {
        Cidr subnet = Cidr.parse("169.254.100.0/24");
        return new InterconnectPlan(version, List.of(new TransitSwitch("ts", subnet, List.of(
                new TransitSwitchMember("az1", subnet.host(1), "0a:58:a9:fe:64:01", List.of("gw1")),
                new TransitSwitchMember("az2", subnet.host(2), "0a:58:a9:fe:64:02", List.of("gw2"))))),
                List.of(new AvailabilityZonePlan("az1", "c1", true, true, List.of()),
                        new AvailabilityZonePlan("az2", "c2", true, true, List.of())));
    }
}
