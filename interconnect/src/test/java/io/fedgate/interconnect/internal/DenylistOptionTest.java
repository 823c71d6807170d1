package io.fedgate.interconnect.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.interconnect.ovsdb.DatabaseSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DenylistOptionTest {

    private static DatabaseSchema nb(String version) {
        return new DatabaseSchema("OVN_Northbound", version, Map.of());
    }

    @Test
    void ovn2303ReadsTheBlacklistOption() {
        assertThat(DenylistOption.forSchema(nb("7.0.0"))).isEqualTo("ic-route-blacklist");
    }

    @Test
    void newSchemasGetTheDenylistOptionAndTheOldKeyIsRemoved() {
        assertThat(DenylistOption.forSchema(nb(DenylistOption.DENYLIST_SINCE_NB_SCHEMA))).isEqualTo("ic-route-denylist");
        assertThat(DenylistOption.forSchema(nb("8.0.0"))).isEqualTo("ic-route-denylist");
        assertThat(DenylistOption.other("ic-route-denylist")).isEqualTo("ic-route-blacklist");
    }
}
