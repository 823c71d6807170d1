package io.fedgate.interconnect.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OvsdbEndpointTest {

    @Test
    void parsesOvsNotation() {
        assertThat(OvsdbEndpoint.parse("tcp:127.0.0.1:6641")).isEqualTo(
                new OvsdbEndpoint(OvsdbEndpoint.Transport.TCP, "127.0.0.1", 6641));
        assertThat(OvsdbEndpoint.parse("ssl:[fd00::1]:6642").host()).isEqualTo("fd00::1");
        assertThat(OvsdbEndpoint.parse("ssl:[fd00::1]:6642").toString()).isEqualTo("ssl:[fd00::1]:6642");
        assertThat(OvsdbEndpoint.parseList("tcp:a:1,tcp:b:2")).hasSize(2);
    }

    @Test
    void badEndpointsAreNamedWithWhatIsWrong() {
        assertThatThrownBy(() -> OvsdbEndpoint.parse("http://x")).hasMessageContaining("\"http://x\" is not an OVSDB endpoint");
        assertThatThrownBy(() -> OvsdbEndpoint.parse("tcp:host")).hasMessageContaining("expected tcp:HOST:PORT");
        assertThatThrownBy(() -> OvsdbEndpoint.parse("tcp:host:70000")).hasMessageContaining("port 70000 is not in 1..65535");
        assertThatThrownBy(() -> OvsdbEndpoint.parse("tcp:host:x1")).hasMessageContaining("port \"x1\" is not a number");
        assertThatThrownBy(() -> OvsdbEndpoint.parse("unix:/run/ovn/nb.sock")).hasMessageContaining("unix sockets are not supported");
    }

    @Test
    void configRefusesOutOfRangeSettings() {
        var b = OvsdbClientConfig.builder("DB", OvsdbEndpoint.parseList("tcp:h:1"));
        assertThatThrownBy(() -> b.maxMessageBytes(10).build()).hasMessageContaining("maxMessageBytes (10) must be in 1024..");
        assertThatThrownBy(() -> OvsdbClientConfig.builder("DB", OvsdbEndpoint.parseList("ssl:h:1")).build())
                .hasMessageContaining("needs TLS files");
    }
}
