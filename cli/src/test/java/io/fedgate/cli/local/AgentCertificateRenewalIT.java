package io.fedgate.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.Protocol;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.pki.RotationPolicy;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.hubclient.HubClient;
import io.fedgate.hubclient.HubRequestException;
import io.fedgate.hubclient.protocol.AuditRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent joins with a token, then renews its certificate before expiry against the real hub: the hub issues
 * 8-second certificates and the agents renew with 4 seconds left, so the test outlives the first certificate.
 */
class AgentCertificateRenewalIT {
    private static final Path TOPOLOGY = Path.of("..", "topology-examples", "three-cluster-active-active.yaml");
    private static final Duration VALIDITY = Duration.ofSeconds(8);
    /** Renew with 4 s left: the fraction is negligible next to the 5-minute backdating of notBefore. */
    private static final RotationPolicy RENEW_WITH_4S_LEFT = new RotationPolicy(0.001, Duration.ofSeconds(4));
    private static final Duration CONVERGED = Duration.ofSeconds(20);

    @TempDir
    Path workDir;

    @AutoClose
    private RenewingClusterSet set;

    @Test
    void agentRenewsItsCertificateBeforeExpiryAndKeepsWorkingPastTheFirstOnesEnd() throws Exception {
        set = new RenewingClusterSet(TOPOLOGY, VALIDITY, RENEW_WITH_4S_LEFT, workDir);
        LocalHub hub = set.hub();
        LocalCluster east = set.cluster("east", List.of("127.0.0.1"));
        LocalCluster west = set.cluster("west", List.of("127.0.0.1"));
        await().atMost(CONVERGED).until(() -> east.agent().hubConnected() && west.agent().hubConnected());
        TlsMaterial joined = east.agent().certificate();
        Instant firstExpiry = joined.certificate().getNotAfter().toInstant();

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), firstExpiry).toMillis()) + 1000);

        TlsMaterial now = east.agent().certificate();
        assertThat(now.certificate().getSerialNumber()).isNotEqualTo(joined.certificate().getSerialNumber());
        assertThat(now.certificate().getNotAfter().toInstant()).isAfter(firstExpiry);
        assertThat(now.identity()).isEqualTo(joined.identity());
        assertThat(TlsMaterial.load(set.certDir("east", "agent")).certificate())
                .as("the renewed certificate is saved for the next start").isEqualTo(now.certificate());
        try (HubClient withFirst = HubClient.builder().hubs(hub.urls()).identity(joined).build()) {
            assertThatThrownBy(() -> withFirst.heartbeat("east")).as("the hub refuses the joined certificate now")
                    .isInstanceOf(HubRequestException.class).hasMessageContaining("401");
        }

        ServiceKey payments = new ServiceKey("bank", "payments");
        ServicePort https = new ServicePort("https", 8443, Protocol.TCP, null);
        east.seed().service(payments, ImportType.CLUSTER_SET_IP, List.of(https), "10.96.0.10");
        east.seed().endpoints(payments, List.of(https), Map.of("10.16.0.5", true));
        east.seed().export(payments, Map.of());
        await().atMost(CONVERGED).untilAsserted(() -> assertThat(new McsView(west.client()).importSlices(payments))
                .as("an export made after the first certificate expired reaches west through the hub").isNotEmpty());
        assertThat(east.agent().hubConnected()).isTrue();

        List<AuditRecord> renewals = new ArrayList<>();
        hub.admin().forEachAuditRecord(1, r -> {
            if (r.action().equals("certificate.renew") && r.subject().equals("east")) {
                renewals.add(r);
            }
            return true;
        });
        assertThat(renewals).as("the hub's audit log records each renewal by the agent itself").isNotEmpty()
                .allSatisfy(r -> assertThat(r.actor()).isEqualTo(joined.identity().toString()));
    }
}
