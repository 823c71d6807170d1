package io.fedgate.interconnect.ovsdb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.interconnect.ovsdb.AtomicType;
import io.fedgate.interconnect.ovsdb.DatabaseSchema;
import io.fedgate.interconnect.ovsdb.OvsdbSchemaException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchemaParserTest {
    private static final DatabaseSchema NB = SchemaParser.parse(read("""
            {"name":"OVN_Northbound","version":"7.0.0","tables":{
              "Logical_Router_Port":{"columns":{"name":{"type":"string"},
                 "networks":{"type":{"key":"string","min":1,"max":"unlimited"}},
                 "gateway_chassis":{"type":{"key":{"type":"uuid","refTable":"Gateway_Chassis"},"min":0,"max":"unlimited"}},
                 "options":{"type":{"key":"string","value":"string","min":0,"max":"unlimited"}}}}}}"""));

    private static com.fasterxml.jackson.databind.JsonNode read(String s) {
        try {
            return OvsdbJson.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsColumnTypes() {
        var lrp = NB.table("Logical_Router_Port");
        assertThat(lrp.column("name").isScalar()).isTrue();
        assertThat(lrp.column("networks").isSet()).isTrue();
        assertThat(lrp.column("gateway_chassis").refTable()).isEqualTo("Gateway_Chassis");
        assertThat(lrp.column("options").isMap()).isTrue();
        assertThat(lrp.column("_uuid").key()).isEqualTo(AtomicType.UUID);
    }

    @Test
    void missingTablesAndColumnsAreListedWithTheSchemaVersionAndOvnRelease() {
        assertThatThrownBy(() -> SchemaParser.requireColumns(NB, Map.of("Logical_Router_Port", Set.of("name", "peer"),
                "NB_Global", Set.of("name")), "az1 NB at tcp:127.0.0.1:6641"))
                .isInstanceOf(OvsdbSchemaException.class)
                .hasMessageContaining("az1 NB at tcp:127.0.0.1:6641 serves schema OVN_Northbound 7.0.0 (OVN 23.03)")
                .hasMessageContaining("column Logical_Router_Port.peer")
                .hasMessageContaining("table NB_Global");
    }

    @Test
    void comparesVersionsNumerically() {
        assertThat(NB.compareVersion("7.0.0")).isZero();
        assertThat(NB.compareVersion("7.11.0")).isNegative();
        assertThat(NB.compareVersion("6.99.1")).isPositive();
    }
}
