package io.fedgate.interconnect.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.api.model.AvailabilityZonePlan;
import io.fedgate.api.model.InterconnectPlan;
import io.fedgate.api.model.TransitSwitch;
import io.fedgate.api.model.TransitSwitchMember;
import io.fedgate.api.net.Cidr;
import io.fedgate.interconnect.InterconnectConfigException;
import io.fedgate.interconnect.TestPlans;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {

    @Test
    void aPlanAsTheHubLaysItOutIsValid() {
        assertThatCode(() -> PlanValidator.validate(TestPlans.plan(3, List.of("az1", "az2", "az3"), 3))).doesNotThrowAnyException();
    }

    @Test
    void everyProblemIsReportedWithItsPathAndValue() {
        Cidr subnet = Cidr.parse("169.254.100.0/24");
        InterconnectPlan bad = new InterconnectPlan(7, List.of(
                new TransitSwitch("ts", subnet, List.of(
                        new TransitSwitchMember("az1", Cidr.parse("169.254.101.3/24"), "0a:00:00:00:00:01", List.of()),
                        new TransitSwitchMember("az2", Cidr.parse("169.254.100.0/24"), "zz", List.of("gw", "gw")),
                        new TransitSwitchMember("az9", Cidr.parse("169.254.100.4/24"), "0a:00:00:00:00:01", List.of()))),
                new TransitSwitch("ts", subnet, List.of())),
                List.of(new AvailabilityZonePlan("az1", "c1", true, true, List.of()),
                        new AvailabilityZonePlan("az2", "c2", true, true, List.of())));
        assertThatThrownBy(() -> PlanValidator.validate(bad))
                .isInstanceOf(InterconnectConfigException.class)
                .hasMessageContaining("plan version 7 is not valid")
                .hasMessageContaining("transitSwitches[0].members[0].address: \"169.254.101.3/24\" is not inside subnet 169.254.100.0/24")
                .hasMessageContaining("transitSwitches[0].members[1].address: \"169.254.100.0/24\" is the subnet's network address")
                .hasMessageContaining("transitSwitches[0].members[1].mac: \"zz\" is not a MAC address")
                .hasMessageContaining("transitSwitches[0].members[1].gatewayChassis[1]: \"gw\" appears twice")
                .hasMessageContaining("transitSwitches[0].members[2].availabilityZone: \"az9\" has no entry in zones")
                .hasMessageContaining("transitSwitches[0].members[2].mac: \"0a:00:00:00:00:01\" is used twice on this switch")
                .hasMessageContaining("transitSwitches[1].name: \"ts\" appears twice");
    }
}
