package io.fedgate.hub.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransitAllocationsTest {

    @Test
    void indexOutsideTheSubnetIsRefused() {
        assertThatThrownBy(() -> new TransitAllocations(Map.of("ts", Map.of("az1", 255))))
                .isInstanceOf(PlanningException.class)
                .hasMessage("transitAllocations[ts][az1]: host index 255 is outside 1..254");
        assertThatThrownBy(() -> new TransitAllocations(Map.of("ts", Map.of("az1", 0))))
                .hasMessage("transitAllocations[ts][az1]: host index 0 is outside 1..254");
    }

    @Test
    void indexHeldTwiceOnOneSwitchIsRefused() {
        assertThatThrownBy(() -> new TransitAllocations(Map.of("ts", Map.of("az2", 4, "az1", 4))))
                .hasMessage("transitAllocations[ts][az2]: host index 4 is already held by AZ \"az1\" on the same"
                        + " switch");
    }

    @Test
    void sameIndexOnDifferentSwitchesIsFine() {
        TransitAllocations allocations = new TransitAllocations(
                Map.of("ts", Map.of("az1", 4), "ts1", Map.of("az2", 4)));

        assertThat(allocations.hostIndex("ts1", "az2")).isEqualTo(4);
        assertThat(allocations.hostIndex("ts2", "az2")).isNull();
        assertThat(allocations.availabilityZones()).containsExactly("az1", "az2");
    }

    @Test
    void blankNamesAreRefused() {
        Map<String, Integer> byZone = new HashMap<>();
        byZone.put(" ", 1);

        assertThatThrownBy(() -> new TransitAllocations(Map.of("ts", byZone)))
                .hasMessage("transitAllocations[ts]: availability zone name \" \" is blank");
    }

    @Test
    void equalWhateverTheMapOrderAndSortedForPersistence() {
        Map<String, Integer> first = new LinkedHashMap<>();
        first.put("b", 2);
        first.put("a", 1);
        Map<String, Integer> second = new LinkedHashMap<>();
        second.put("a", 1);
        second.put("b", 2);

        TransitAllocations one = new TransitAllocations(Map.of("ts", first));
        assertThat(one).isEqualTo(new TransitAllocations(Map.of("ts", second)));
        assertThat(one.indexesOn("ts").keySet()).containsExactly("a", "b");
        assertThatThrownBy(() -> one.hostIndexes().put("ts9", Map.of()))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
