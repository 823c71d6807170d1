package io.fedgate.interconnect.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.interconnect.Change;
import io.fedgate.interconnect.ForeignRowException;
import io.fedgate.interconnect.ovsdb.DatabaseSnapshot;
import io.fedgate.interconnect.ovsdb.Mutation;
import io.fedgate.interconnect.ovsdb.Operation;
import io.fedgate.interconnect.ovsdb.Row;
import io.fedgate.interconnect.ovsdb.Uuid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RowWriterTest {
    private static final Uuid ROUTER = new Uuid("00000000-0000-0000-0000-0000000000a1");
    private static final Uuid PORT = new Uuid("00000000-0000-0000-0000-0000000000b1");
    private static final Map<String, String> OURS = Map.of(Ownership.KEY, Ownership.VALUE);

    private static DatabaseSnapshot snapshot(Row... rows) {
        Map<String, Map<Uuid, Row>> tables = new LinkedHashMap<>();
        for (Row r : rows) {
            tables.computeIfAbsent(r.table(), t -> new LinkedHashMap<>()).put(r.uuid(), r);
        }
        return new DatabaseSnapshot(tables);
    }

    private static Row router(Set<Uuid> ports) {
        return new Row("Logical_Router", ROUTER, Map.of("name", "ovn-cluster", "ports", ports));
    }

    private static Row port(String mac, Map<String, String> externalIds) {
        return new Row("Logical_Router_Port", PORT, Map.of("name", "az1-ts", "mac", mac,
                "networks", Set.of("169.254.100.1/24"), "external_ids", externalIds));
    }

    private static DesiredRow desiredPort(String mac) {
        return DesiredRow.builder().column("mac", mac).column("networks", Set.of("169.254.100.1/24")).build();
    }

    @Test
    void createsAMissingRowMarkedAsOursAndReferencedByItsParent() {
        RowWriter w = new RowWriter(snapshot(router(Set.of())), "az1 NB");
        assertThat(w.reconcile(RowKind.ROUTER_PORT, Parent.of(router(Set.of()), "name"), "az1-ts", desiredPort("0a:00:00:00:00:01")))
                .isEqualTo(WriteResult.CREATED);
        List<Operation> ops = w.operations();
        assertThat(ops.get(0)).isInstanceOfSatisfying(Operation.Insert.class, i -> {
            assertThat(i.row()).containsEntry("name", "az1-ts").containsEntry("external_ids", OURS);
            assertThat(i.uuidName()).isNotNull();
        });
        assertThat(ops.get(1)).isInstanceOf(Operation.Wait.class);
        assertThat(ops.get(2)).isInstanceOfSatisfying(Operation.Mutate.class, m ->
                assertThat(m.mutations()).extracting(Mutation::column).containsExactly("ports"));
        assertThat(w.changes()).extracting(Change::kind).containsExactly(Change.Kind.CREATED);
    }

    @Test
    void aChildOfARowInsertedInTheSameTransactionRefersToItByName() {
        RowWriter w = new RowWriter(snapshot(router(Set.of())), "az1 NB");
        w.reconcile(RowKind.ROUTER_PORT, Parent.of(router(Set.of()), "name"), "az1-ts", desiredPort("0a:00:00:00:00:01"));
        Parent lrp = w.parent(RowKind.ROUTER_PORT, "az1-ts").orElseThrow();
        assertThat(lrp.isNew()).isTrue();
        w.reconcile(RowKind.GATEWAY_CHASSIS, lrp, "az1-ts-gw1", DesiredRow.builder()
                .column("chassis_name", "gw1").column("priority", 100L).build());
        assertThat(w.operations().get(w.operations().size() - 1)).isInstanceOfSatisfying(Operation.Mutate.class, m -> {
            assertThat(m.table()).isEqualTo("Logical_Router_Port");
            assertThat(m.where().get(0).value()).isEqualTo(lrp.named());
        });
    }

    @Test
    void aRowAlreadyAsDesiredIsANoop() {
        Row p = port("0a:00:00:00:00:01", OURS);
        RowWriter w = new RowWriter(snapshot(router(Set.of(PORT)), p), "az1 NB");
        assertThat(w.reconcile(RowKind.ROUTER_PORT, Parent.of(router(Set.of(PORT)), "name"), "az1-ts", desiredPort("0a:00:00:00:00:01")))
                .isEqualTo(WriteResult.NOOP);
        assertThat(w.isEmpty()).isTrue();
        assertThat(w.changes()).isEmpty();
    }

    @Test
    void aDriftedColumnIsPatchedAndTheChangeSaysHow() {
        RowWriter w = new RowWriter(snapshot(router(Set.of(PORT)), port("0a:00:00:00:00:99", OURS)), "az1 NB");
        assertThat(w.reconcile(RowKind.ROUTER_PORT, Parent.of(router(Set.of(PORT)), "name"), "az1-ts", desiredPort("0a:00:00:00:00:01")))
                .isEqualTo(WriteResult.PATCHED);
        assertThat(w.operations()).singleElement().isInstanceOfSatisfying(Operation.Update.class,
                u -> assertThat(u.row()).containsOnlyKeys("mac"));
        assertThat(w.changes()).singleElement().extracting(Change::detail)
                .isEqualTo("mac: 0a:00:00:00:00:99 -> 0a:00:00:00:00:01");
    }

    @Test
    void sharedMapsArePatchedKeyByKeyLeavingOtherKeysAlone() {
        Row global = new Row("NB_Global", new Uuid("00000000-0000-0000-0000-0000000000c1"),
                Map.of("name", "az1", "options", Map.of("ic-route-learn", "false", "mac_prefix", "0a:00:00")));
        RowWriter w = new RowWriter(snapshot(global), "az1 NB");
        w.patch("NB_Global", global, ".", DesiredRow.builder()
                .mapKey("options", "ic-route-learn", "true")
                .mapKey("options", "ic-route-blacklist", null)
                .mapKey("options", "ic-route-adv", "true").build());
        assertThat(w.operations()).singleElement().isInstanceOfSatisfying(Operation.Mutate.class, m -> {
            assertThat(m.mutations().get(0)).isEqualTo(Mutation.delete("options", Set.of("ic-route-learn")));
            assertThat(m.mutations().get(1)).isEqualTo(Mutation.insert("options",
                    Map.of("ic-route-learn", "true", "ic-route-adv", "true")));
        });
    }

    @Test
    void aRowWithOurNameThatIsNotOursIsAConflictAndIsNeverTouched() {
        RowWriter w = new RowWriter(snapshot(router(Set.of(PORT)), port("0a:00:00:00:00:01", Map.of())), "az1 NB");
        assertThatThrownBy(() -> w.reconcile(RowKind.ROUTER_PORT, Parent.of(router(Set.of(PORT)), "name"), "az1-ts",
                desiredPort("0a:00:00:00:00:02")))
                .isInstanceOfSatisfying(ForeignRowException.class, e -> {
                    assertThat(e.table()).isEqualTo("Logical_Router_Port");
                    assertThat(e.name()).isEqualTo("az1-ts");
                    assertThat(e.differences()).contains("mac: 0a:00:00:00:00:01 -> 0a:00:00:00:00:02",
                            "external_ids:fedgate.io/owner: (none) -> fedgate");
                })
                .hasMessageContaining("az1 NB: Logical_Router_Port \"az1-ts\" was not written by fedgate")
                .hasMessageContaining("nothing written");
        assertThat(w.reconcile(RowKind.ROUTER_PORT, null, "az1-ts", null)).isEqualTo(WriteResult.NOOP);
        assertThat(w.pruneOwned(RowKind.ROUTER_PORT, List.of(port("x", Map.of())), Set.of())).isZero();
        assertThat(w.isEmpty()).isTrue();
    }

    @Test
    void deletingOurRowDropsTheParentsReferenceFirst() {
        RowWriter w = new RowWriter(snapshot(router(Set.of(PORT)), port("0a:00:00:00:00:01", OURS)), "az1 NB");
        assertThat(w.reconcile(RowKind.ROUTER_PORT, null, "az1-ts", null)).isEqualTo(WriteResult.DELETED);
        assertThat(w.operations()).hasSize(2);
        assertThat(w.operations().get(0)).isInstanceOf(Operation.Mutate.class);
        assertThat(w.operations().get(1)).isInstanceOf(Operation.Delete.class);
    }
}
