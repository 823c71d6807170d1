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

    @Test
    void managementPortIsOnLoopbackUnlessConfigured() {
        HubConfig defaults = parse("clusterSet: set\ndataDir: data\nsealing: {keyFile: keys}\n");
        HubConfig portOnly = parse("clusterSet: set\ndataDir: data\nsealing: {keyFile: keys}\nmanagement: {port: 9191}\n");
        HubConfig everywhere = parse("clusterSet: set\ndataDir: data\nsealing: {keyFile: keys}\nmanagement: {host: 0.0.0.0}\n");

        assertThat(defaults.management()).isEqualTo(new HubConfig.Management("127.0.0.1", 9090));
        assertThat(portOnly.management()).isEqualTo(new HubConfig.Management("127.0.0.1", 9191));
        assertThat(everywhere.management().host()).isEqualTo("0.0.0.0");
        assertThat(defaults.withManagementHost("10.244.1.7").management())
                .isEqualTo(new HubConfig.Management("10.244.1.7", 9090));
        assertThatThrownBy(() -> defaults.withManagementHost("not a host"))
                .isInstanceOf(HubConfigException.class).hasMessageContaining("not a host");
    }

    @Test
    void joinBoundsHaveTheirDocumentedDefaults() {
        HubConfig.Join join = parse("clusterSet: set\ndataDir: data\nsealing: {keyFile: keys}\n").join();

        assertThat(join).isEqualTo(HubConfig.Join.DEFAULTS);
        assertThat(join.maxBodyBytes()).isEqualTo(33_024).isLessThan(64 * 1024);
        assertThat(join.maxInFlight()).isEqualTo(32);
        assertThat(join.bodyTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(join.perSource()).isEqualTo(new HubConfig.Rate(2, 10));
        assertThat(join.global()).isEqualTo(new HubConfig.Rate(50, 100));
        assertThat(join.trackedSources()).isEqualTo(4096);
        assertThat(join.refusalAuditInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void joinBoundsAreReadAndCheckedWithTheirKeys() {
        HubConfig.Join join = parse("""
                clusterSet: set
                dataDir: data
                sealing: {keyFile: keys}
                join:
                  maxBodyBytes: 4096
                  maxInFlight: 3
                  bodyTimeout: 2s
                  perSource: {ratePerSecond: 1, burst: 4}
                  global: {burst: 7}
                  trackedSources: 100
                  refusalAuditInterval: 500ms
                """).join();

        assertThat(join).isEqualTo(new HubConfig.Join(4096, 3, Duration.ofSeconds(2), new HubConfig.Rate(1, 4),
                new HubConfig.Rate(50, 7), 100, Duration.ofMillis(500)));
        assertThatThrownBy(() -> parse("""
                clusterSet: set
                dataDir: data
                sealing: {keyFile: keys}
                join: {maxBodyBytes: 99999999, maxInFlight: 0, bodyTimeout: 0s, perSource: {burst: 0}, maxInflight: 2}
                """))
                .isInstanceOfSatisfying(HubConfigException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path).contains("join.maxBodyBytes", "join.maxInFlight", "join.bodyTimeout",
                                "join.perSource.burst", "join.maxInflight"));
    }
}
