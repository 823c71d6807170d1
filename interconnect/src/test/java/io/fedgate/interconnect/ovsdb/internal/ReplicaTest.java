package io.fedgate.interconnect.ovsdb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedgate.interconnect.ovsdb.DatabaseSchema;
import io.fedgate.interconnect.ovsdb.MonitoredTable;
import io.fedgate.interconnect.ovsdb.Row;
import io.fedgate.interconnect.ovsdb.RowChange;
import io.fedgate.interconnect.ovsdb.Uuid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ReplicaTest {
    private static final String U1 = "11111111-1111-1111-1111-111111111111";
    private static final String U2 = "22222222-2222-2222-2222-222222222222";
    private static final DatabaseSchema SCHEMA = SchemaParser.parse(json("""
            {"name":"DB","version":"1.0.0","tables":{"LSP":{"columns":{
              "name":{"type":"string"},
              "addresses":{"type":{"key":"string","min":0,"max":"unlimited"}},
              "options":{"type":{"key":"string","value":"string","min":0,"max":"unlimited"}},
              "tag":{"type":{"key":"integer","min":0,"max":1}},
              "up":{"type":"boolean"}}}}}"""));

    private static JsonNode json(String s) {
        try {
            return OvsdbJson.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Replica replica(List<RowChange> seen) {
        Replica r = new Replica("test", List.of(new MonitoredTable("LSP", List.of("name", "addresses", "options", "tag", "up"),
                List.of())));
        r.addListener((changes, after) -> seen.addAll(changes));
        return r;
    }

    @Test
    void initialRowsGetDefaultsForColumnsTheServerLeftOut() {
        List<RowChange> seen = new ArrayList<>();
        Replica r = replica(seen);
        r.resync(SCHEMA, json("{\"LSP\":{\"" + U1 + "\":{\"initial\":{\"name\":\"p1\",\"addresses\":\"router\"}}}}"));
        Row row = r.snapshot().row("LSP", new Uuid(U1)).orElseThrow();
        assertThat(row.get("addresses")).isEqualTo(Set.of("router"));
        assertThat(row.get("options")).isEqualTo(Map.of());
        assertThat(row.get("tag")).isEqualTo(Set.of());
        assertThat(row.get("up")).isEqualTo(false);
        assertThat(seen).extracting(RowChange::kind).containsExactly(RowChange.Kind.INSERTED);
    }

    @Test
    void update2ModifyTogglesSetElementsAndAppliesMapDiffs() {
        List<RowChange> seen = new ArrayList<>();
        Replica r = replica(seen);
        r.resync(SCHEMA, json("{\"LSP\":{\"" + U1 + "\":{\"initial\":{\"name\":\"p1\",\"addresses\":[\"set\",[\"a\",\"b\"]],"
                + "\"options\":[\"map\",[[\"k1\",\"v1\"],[\"k2\",\"v2\"]]],\"tag\":7}}}}"));
        // set: remove b, add c; map: k1 same value -> removed, k2 new value -> replaced, k3 -> added; optional: 7 -> 9
        r.applyUpdate2(SCHEMA, json("{\"LSP\":{\"" + U1 + "\":{\"modify\":{\"addresses\":[\"set\",[\"b\",\"c\"]],"
                + "\"options\":[\"map\",[[\"k1\",\"v1\"],[\"k2\",\"x\"],[\"k3\",\"v3\"]]],\"tag\":[\"set\",[7,9]],"
                + "\"name\":\"p1b\"}}}}"));
        Row row = r.snapshot().row("LSP", new Uuid(U1)).orElseThrow();
        assertThat(row.stringSet("addresses")).containsExactlyInAnyOrder("a", "c");
        assertThat(row.stringMap("options")).isEqualTo(Map.of("k2", "x", "k3", "v3"));
        assertThat(row.get("tag")).isEqualTo(Set.of(9L));
        assertThat(row.string("name")).isEqualTo("p1b");
        assertThat(seen).extracting(RowChange::kind).containsExactly(RowChange.Kind.INSERTED, RowChange.Kind.MODIFIED);
        assertThat(seen.get(1).before().string("name")).isEqualTo("p1");
    }

    @Test
    void insertAndDeleteAreReported() {
        List<RowChange> seen = new ArrayList<>();
        Replica r = replica(seen);
        r.resync(SCHEMA, json("{}"));
        r.applyUpdate2(SCHEMA, json("{\"LSP\":{\"" + U2 + "\":{\"insert\":{\"name\":\"p2\"}}}}"));
        r.applyUpdate2(SCHEMA, json("{\"LSP\":{\"" + U2 + "\":{\"delete\":null}}}"));
        assertThat(r.snapshot().rows("LSP")).isEmpty();
        assertThat(seen).extracting(RowChange::kind).containsExactly(RowChange.Kind.INSERTED, RowChange.Kind.DELETED);
    }

    @Test
    void aResyncReportsOnlyTheDifferenceAndNeverDuplicatesRows() {
        List<RowChange> seen = new ArrayList<>();
        Replica r = replica(seen);
        r.resync(SCHEMA, json("{\"LSP\":{\"" + U1 + "\":{\"initial\":{\"name\":\"p1\"}},\"" + U2
                + "\":{\"initial\":{\"name\":\"p2\"}}}}"));
        seen.clear();
        // after a reconnect: p1 unchanged, p2 gone, p3 new
        String u3 = "33333333-3333-3333-3333-333333333333";
        r.resync(SCHEMA, json("{\"LSP\":{\"" + U1 + "\":{\"initial\":{\"name\":\"p1\"}},\"" + u3
                + "\":{\"initial\":{\"name\":\"p3\"}}}}"));
        assertThat(r.snapshot().rows("LSP")).extracting(x -> x.string("name")).containsExactlyInAnyOrder("p1", "p3");
        assertThat(seen).extracting(c -> c.kind() + " " + c.uuid().value().charAt(0))
                .containsExactlyInAnyOrder("DELETED 2", "INSERTED 3");
    }

    @Test
    void awaitCompletesWhenTheConditionFirstHolds() {
        Replica r = replica(new ArrayList<>());
        r.resync(SCHEMA, json("{}"));
        CompletableFuture<?> f = r.await(s -> s.findFirst("LSP", "name", "p9").isPresent());
        assertThat(f).isNotDone();
        r.applyUpdate2(SCHEMA, json("{\"LSP\":{\"" + U1 + "\":{\"insert\":{\"name\":\"p9\"}}}}"));
        assertThat(f).isCompleted();
    }

    @Test
    void aSnapshotTakenEarlierDoesNotChange() {
        Replica r = replica(new ArrayList<>());
        r.resync(SCHEMA, json("{\"LSP\":{\"" + U1 + "\":{\"initial\":{\"name\":\"p1\"}}}}"));
        var before = r.snapshot();
        r.applyUpdate2(SCHEMA, json("{\"LSP\":{\"" + U1 + "\":{\"delete\":null}}}"));
        assertThat(before.rows("LSP")).hasSize(1);
        assertThat(r.snapshot().rows("LSP")).isEmpty();
    }
}
