package io.fedgate.hub.planning.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.api.model.TransitSwitch;
import io.fedgate.api.model.TransitSwitchMember;
import io.fedgate.api.net.Cidr;
import io.fedgate.hub.planning.PlanningException;
import io.fedgate.hub.planning.TransitAllocations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TransitSwitchPlannerTest {
    private final TransitSwitchPlanner planner = new TransitSwitchPlanner();

    private static InterconnectMember az(String name, String... gatewayNodes) {
        return new InterconnectMember("cluster-" + name, name, List.of(gatewayNodes));
    }

    private static List<InterconnectMember> azs(String... names) {
        return java.util.Arrays.stream(names).map(n -> az(n, n + "-gw")).toList();
    }

    private static Map<String, String> addresses(TransitSwitch transitSwitch) {
        Map<String, String> byZone = new TreeMap<>();
        transitSwitch.members().forEach(m -> byZone.put(m.availabilityZone(), m.address().toInterfaceString()));
        return byZone;
    }

    @Test
    void switchesAreNamedAndNumberedLikeKubeOvn() {
        TransitLayout layout = planner.plan(azs("az1", "az2"), 3, TransitAllocations.EMPTY);

        assertThat(layout.switches()).extracting(TransitSwitch::name).containsExactly("ts", "ts1", "ts2");
        assertThat(layout.switches()).extracting(s -> s.subnet().toString())
                .containsExactly("169.254.100.0/24", "169.254.101.0/24", "169.254.102.0/24");
        assertThat(addresses(layout.switches().get(2)))
                .containsExactly(Map.entry("az1", "169.254.102.1/24"), Map.entry("az2", "169.254.102.2/24"));
    }

    @Test
    void firstAzsTakeIndexesInNameOrder() {
        TransitLayout layout = planner.plan(azs("zeta", "alpha", "mid"), 1, TransitAllocations.EMPTY);

        assertThat(layout.allocations().indexesOn("ts"))
                .containsExactly(Map.entry("alpha", 1), Map.entry("mid", 2), Map.entry("zeta", 3));
        assertThat(layout.switches().get(0).members()).extracting(TransitSwitchMember::availabilityZone)
                .containsExactly("alpha", "mid", "zeta");
    }

    @Test
    void transitAddressesStableWhenAzJoins() {
        TransitLayout before = planner.plan(azs("b", "d"), 2, TransitAllocations.EMPTY);
        TransitLayout after = planner.plan(azs("a", "b", "c", "d"), 2, before.allocations());

        for (int i = 0; i < 2; i++) {
            Map<String, String> was = addresses(before.switches().get(i));
            assertThat(addresses(after.switches().get(i))).containsAllEntriesOf(was);
        }
        assertThat(after.allocations().indexesOn("ts"))
                .containsExactly(Map.entry("a", 3), Map.entry("b", 1), Map.entry("c", 4), Map.entry("d", 2));
    }

    @Test
    void transitAddressesStableWhenAzLeaves() {
        TransitLayout before = planner.plan(azs("a", "b", "c"), 1, TransitAllocations.EMPTY);
        TransitLayout after = planner.plan(azs("a", "c"), 1, before.allocations());

        assertThat(addresses(after.switches().get(0)))
                .containsExactly(Map.entry("a", "169.254.100.1/24"), Map.entry("c", "169.254.100.3/24"));
        assertThat(after.allocations().indexesOn("ts")).doesNotContainKey("b");
    }

    @Test
    void newAzTakesLowestFreeIndex() {
        TransitLayout before = planner.plan(azs("a", "b", "c", "d"), 1, TransitAllocations.EMPTY);
        TransitLayout gaps = planner.plan(azs("a", "d"), 1, before.allocations());
        TransitLayout after = planner.plan(azs("a", "d", "x", "y", "z"), 1, gaps.allocations());

        assertThat(after.allocations().indexesOn("ts")).containsExactly(Map.entry("a", 1), Map.entry("d", 4),
                Map.entry("x", 2), Map.entry("y", 3), Map.entry("z", 5));
    }

    @Test
    void addressesSurviveARestartFromPersistedAllocations() {
        TransitAllocations persisted = new TransitAllocations(Map.of("ts", Map.of("a", 7, "b", 3)));

        TransitLayout layout = planner.plan(azs("a", "b"), 1, persisted);

        assertThat(addresses(layout.switches().get(0)))
                .containsExactly(Map.entry("a", "169.254.100.7/24"), Map.entry("b", "169.254.100.3/24"));
        assertThat(layout.allocations()).isEqualTo(persisted);
    }

    @Test
    void indexesStayUniqueAndStableThroughChurn() {
        Random random = new Random(1645);
        List<String> universe = IntStream.range(0, 60).mapToObj(i -> "az" + i).toList();
        TransitAllocations previous = TransitAllocations.EMPTY;
        for (int round = 0; round < 200; round++) {
            List<InterconnectMember> present = new ArrayList<>();
            universe.stream().filter(z -> random.nextInt(3) > 0).forEach(z -> present.add(az(z, "gw")));
            Map<String, Integer> indexes = planner.plan(present, 1, previous).allocations().indexesOn("ts");

            assertThat(indexes).hasSameSizeAs(present);
            assertThat(new HashSet<>(indexes.values())).as("unique in round %d", round).hasSameSizeAs(indexes.values());
            for (Map.Entry<String, Integer> entry : indexes.entrySet()) {
                Integer before = previous.hostIndex("ts", entry.getKey());
                if (before != null) {
                    assertThat(entry.getValue()).as("index of %s in round %d", entry.getKey(), round).isEqualTo(before);
                }
            }
            previous = new TransitAllocations(Map.of("ts", indexes));
        }
    }

    @Test
    void macIsDerivedFromTheAddress() {
        TransitLayout layout = planner.plan(azs("a", "b", "c"), 1, TransitAllocations.EMPTY);

        assertThat(layout.switches().get(0).member("c").mac()).isEqualTo("0a:58:a9:fe:64:03");
        assertThat(TransitSwitchPlanner.mac(Cidr.parse("169.254.255.254/24"))).isEqualTo("0a:58:a9:fe:ff:fe");
    }

    @Test
    void gatewayChassisRotatedPerSwitch() {
        TransitLayout layout = planner.plan(List.of(az("a", "n1", "n2", "n3"), az("b", "m1")), 4,
                TransitAllocations.EMPTY);

        assertThat(layout.switches()).extracting(s -> s.member("a").gatewayChassis()).containsExactly(
                List.of("n1", "n2", "n3"), List.of("n2", "n3", "n1"), List.of("n3", "n1", "n2"),
                List.of("n1", "n2", "n3"));
        assertThat(layout.switches()).extracting(s -> s.member("b").gatewayChassis())
                .allSatisfy(chassis -> assertThat(chassis).containsExactly("m1"));
    }

    @Test
    void switchesBeyondTheCountAreDroppedWithTheirIndexes() {
        TransitLayout three = planner.plan(azs("a", "b"), 3, TransitAllocations.EMPTY);
        TransitLayout one = planner.plan(azs("a", "b"), 1, three.allocations());

        assertThat(one.switches()).extracting(TransitSwitch::name).containsExactly("ts");
        assertThat(one.allocations().hostIndexes()).containsOnlyKeys("ts");
    }

    @Test
    void noMembersMeansNoSwitches() {
        assertThat(planner.plan(List.of(), 2, TransitAllocations.EMPTY)).isEqualTo(TransitLayout.EMPTY);
    }

    @Test
    void asManyAzsAsAddressesFit() {
        List<InterconnectMember> members = IntStream.rangeClosed(1, 254).mapToObj(i -> az(String.format("az%03d", i)))
                .toList();

        TransitLayout layout = planner.plan(members, 1, TransitAllocations.EMPTY);

        assertThat(layout.switches().get(0).member("az254").address().toInterfaceString())
                .isEqualTo("169.254.100.254/24");
    }

    @Test
    void moreAzsThanFitIsAPlanningError() {
        List<InterconnectMember> members = IntStream.rangeClosed(1, 255).mapToObj(i -> az("az" + i)).toList();

        assertThatThrownBy(() -> planner.plan(members, 1, TransitAllocations.EMPTY))
                .isInstanceOf(PlanningException.class)
                .hasMessage("interconnect group: 255 availability zones do not fit on a transit switch, at most 254"
                        + " (host indexes 1..254 of a /24)");
    }

    @Test
    void samePlanForMembersInAnyOrder() {
        Set<TransitLayout> layouts = new HashSet<>();
        layouts.add(planner.plan(azs("a", "b", "c"), 2, TransitAllocations.EMPTY));
        layouts.add(planner.plan(azs("c", "a", "b"), 2, TransitAllocations.EMPTY));

        assertThat(layouts).hasSize(1);
    }
}
