package io.fedgate.hub;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.api.codec.Problem;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HubConfigTest {
    private static HubConfig parse(String yaml) {
        return HubConfig.parse(yaml.getBytes(UTF_8), Path.of("/etc/fedgate"), "hub.yaml");
    }

    @Test
    void chartConfigIsReadWithEveryKey() {
        HubConfig config = parse("""
                clusterSet: "payments-prod"
                api:
                  port: 8443
                  advertisedAddresses:
                    - fedgate-hub.fedgate-system.svc
                    - "10.0.0.7"
                management:
                  port: 9090
                dataDir: /var/lib/fedgate
                ca:
                  certFile: /var/run/fedgate/ca/tls.crt
                  keyFile: /var/run/fedgate/ca/tls.key
                hazelcastConfig: hazelcast.yaml
                leases:
                  durationSeconds: 10
                joinTokens:
                  ttl: "24h"
                audit:
                  path: /var/lib/fedgate/audit/audit.log
                sealing:
                  keyFile: /var/run/fedgate/sealing/keys
                """);

        assertThat(config.clusterSet()).isEqualTo("payments-prod");
        assertThat(config.api().advertisedAddresses()).containsExactly("fedgate-hub.fedgate-system.svc", "10.0.0.7");
        assertThat(config.api().host()).isEqualTo("0.0.0.0");
        assertThat(config.hazelcastConfig()).isEqualTo(Path.of("/etc/fedgate/hazelcast.yaml"));
        assertThat(config.ca().keyFile()).isEqualTo(Path.of("/var/run/fedgate/ca/tls.key"));
        assertThat(config.leaseDuration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.joinTokenTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(config.auditPath()).isEqualTo(Path.of("/var/lib/fedgate/audit/audit.log"));
        assertThat(config.sealing().keyFile()).isEqualTo(Path.of("/var/run/fedgate/sealing/keys"));
    }

    @Test
    void minimalConfigTakesDefaults() {
        HubConfig config = parse("clusterSet: set\ndataDir: data\nsealing: {keyFile: keys}\n");

        assertThat(config.dataDir()).isEqualTo(Path.of("/etc/fedgate/data"));
        assertThat(config.auditPath()).isEqualTo(Path.of("/etc/fedgate/data/audit/audit.log"));
        assertThat(config.api().port()).isEqualTo(HubConfig.DEFAULT_API_PORT);
        assertThat(config.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.hazelcast().members()).containsExactly("127.0.0.1:5701");
        assertThat(config.sealing().keyFile()).isEqualTo(Path.of("/etc/fedgate/keys"));
    }

    @Test
    void everyProblemIsReportedWithItsKey() {
        assertThatThrownBy(() -> parse("""
                clusterSet: Bad_Set
                api: {port: 70000}
                leases: {durationSeconds: 0}
                joinTokens: {ttl: "a day"}
                hazelcast: {members: ["no-port"]}
                managment: {port: 9090}
                """))
                .isInstanceOfSatisfying(HubConfigException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::path).contains("clusterSet", "api.port",
                            "leases.durationSeconds", "joinTokens.ttl", "hazelcast.members[0]", "managment", "dataDir",
                            "sealing");
                    assertThat(e.getMessage()).contains("api.port: 70000 is not a port (0 picks a free one)",
                            "joinTokens.ttl: \"a day\" is not a duration", "managment: unknown field (did you mean "
                                    + "management?)", "dataDir: is required", "sealing: required: sealing.keyFile");
                });
    }

    @Test
    void hazelcastFileAndInlineMemberListExcludeEachOther() {
        assertThatThrownBy(() -> parse("clusterSet: s\ndataDir: d\nhazelcastConfig: h.yaml\nhazelcast: {port: 5701}\n"
                + "sealing: {keyFile: k}\n"))
                .hasMessageContaining("hazelcast: give either hazelcastConfig");
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> HubConfig.load(Path.of("/nonexistent/hub.yaml")))
                .hasMessage("/nonexistent/hub.yaml: no such file");
    }
}
