package io.fedgate.interconnect.ovsdb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.interconnect.ovsdb.AtomicType;
import io.fedgate.interconnect.ovsdb.ColumnType;
import io.fedgate.interconnect.ovsdb.Condition;
import io.fedgate.interconnect.ovsdb.Mutation;
import io.fedgate.interconnect.ovsdb.NamedUuid;
import io.fedgate.interconnect.ovsdb.Operation;
import io.fedgate.interconnect.ovsdb.OvsdbProtocolException;
import io.fedgate.interconnect.ovsdb.OvsdbValues;
import io.fedgate.interconnect.ovsdb.Uuid;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OvsdbJsonTest {
    private static final String U = "11111111-1111-1111-1111-111111111111";

    @Test
    void encodesTypedAtomsSetsAndMaps() {
        assertThat(OvsdbJson.encode(OvsdbValues.uuid(U)).toString()).isEqualTo("[\"uuid\",\"" + U + "\"]");
        assertThat(OvsdbJson.encode(new NamedUuid("row0")).toString()).isEqualTo("[\"named-uuid\",\"row0\"]");
        assertThat(OvsdbJson.encode(OvsdbValues.set("a", "b")).toString()).isEqualTo("[\"set\",[\"a\",\"b\"]]");
        assertThat(OvsdbJson.encode(OvsdbValues.map("k", "v")).toString()).isEqualTo("[\"map\",[[\"k\",\"v\"]]]");
        assertThat(OvsdbJson.encode(42L).toString()).isEqualTo("42");
        assertThatThrownBy(() -> OvsdbJson.encode(List.of("a"))).hasMessageContaining("an atom, a Set or a Map, not a");
    }

    @Test
    void decodesByColumnType() throws Exception {
        ColumnType set = new ColumnType(AtomicType.STRING, null, 0, ColumnType.UNLIMITED, null);
        ColumnType map = new ColumnType(AtomicType.STRING, AtomicType.STRING, 0, ColumnType.UNLIMITED, null);
        ColumnType uuid = new ColumnType(AtomicType.UUID, null, 1, 1, null);
        assertThat(OvsdbJson.decode(OvsdbJson.MAPPER.readTree("\"x\""), set, "c")).isEqualTo(Set.of("x"));
        assertThat(OvsdbJson.decode(OvsdbJson.MAPPER.readTree("[\"set\",[]]"), set, "c")).isEqualTo(Set.of());
        assertThat(OvsdbJson.decode(OvsdbJson.MAPPER.readTree("[\"map\",[[\"a\",\"b\"]]]"), map, "c"))
                .isEqualTo(Map.of("a", "b"));
        assertThat(OvsdbJson.decode(OvsdbJson.MAPPER.readTree("[\"uuid\",\"" + U + "\"]"), uuid, "c")).isEqualTo(new Uuid(U));
    }

    @Test
    void wrongTypesNameTheColumn() throws Exception {
        ColumnType integer = new ColumnType(AtomicType.INTEGER, null, 1, 1, null);
        ColumnType map = new ColumnType(AtomicType.STRING, AtomicType.STRING, 0, ColumnType.UNLIMITED, null);
        assertThatThrownBy(() -> OvsdbJson.decode(OvsdbJson.MAPPER.readTree("\"7\""), integer, "Gateway_Chassis.priority"))
                .isInstanceOf(OvsdbProtocolException.class)
                .hasMessage("Gateway_Chassis.priority: expected integer but got \"7\"");
        assertThatThrownBy(() -> OvsdbJson.decode(OvsdbJson.MAPPER.readTree("[\"set\",[]]"), map, "NB_Global.options"))
                .hasMessageContaining("NB_Global.options: expected [\"map\", ...]");
    }

    @Test
    void encodesEveryOperation() {
        var where = List.of(Condition.eq("name", "ts"));
        assertThat(OvsdbJson.operation(Operation.insert("T").with("name", "ts").uuidName("n")).toString())
                .isEqualTo("{\"op\":\"insert\",\"table\":\"T\",\"row\":{\"name\":\"ts\"},\"uuid-name\":\"n\"}");
        assertThat(OvsdbJson.operation(Operation.select("T", where, List.of("name"))).toString())
                .isEqualTo("{\"op\":\"select\",\"table\":\"T\",\"where\":[[\"name\",\"==\",\"ts\"]],\"columns\":[\"name\"]}");
        assertThat(OvsdbJson.operation(Operation.update("T", where).with("x", 1L)).toString())
                .isEqualTo("{\"op\":\"update\",\"table\":\"T\",\"where\":[[\"name\",\"==\",\"ts\"]],\"row\":{\"x\":1}}");
        assertThat(OvsdbJson.operation(Operation.mutate("T", where).with(Mutation.delete("m", OvsdbValues.set("k")))).toString())
                .isEqualTo("{\"op\":\"mutate\",\"table\":\"T\",\"where\":[[\"name\",\"==\",\"ts\"]],"
                        + "\"mutations\":[[\"m\",\"delete\",[\"set\",[\"k\"]]]]}");
        assertThat(OvsdbJson.operation(Operation.delete("T", where)).toString())
                .isEqualTo("{\"op\":\"delete\",\"table\":\"T\",\"where\":[[\"name\",\"==\",\"ts\"]]}");
        assertThat(OvsdbJson.operation(Operation.Wait.untilEqual("T", where, List.of("name"), List.of(Map.of("name", "ts"))))
                .toString()).isEqualTo("{\"op\":\"wait\",\"table\":\"T\",\"where\":[[\"name\",\"==\",\"ts\"]],"
                + "\"columns\":[\"name\"],\"until\":\"==\",\"rows\":[{\"name\":\"ts\"}],\"timeout\":0}");
        assertThat(OvsdbJson.operation(new Operation.Commit(true)).toString()).isEqualTo("{\"op\":\"commit\",\"durable\":true}");
        assertThat(OvsdbJson.operation(new Operation.Abort()).toString()).isEqualTo("{\"op\":\"abort\"}");
        assertThat(OvsdbJson.operation(new Operation.Comment("hi")).toString()).isEqualTo("{\"op\":\"comment\",\"comment\":\"hi\"}");
        assertThat(OvsdbJson.operation(new Operation.Assert("l")).toString()).isEqualTo("{\"op\":\"assert\",\"lock\":\"l\"}");
    }
}
