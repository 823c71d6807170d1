package io.fedgate.api.pki;

import static io.fedgate.api.pki.CertificateAuthorityTest.chain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.api.pki.UntrustedPeerException.Reason;
import io.fedgate.api.pki.internal.X509Support;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityVerifierTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration DAY = Duration.ofDays(1);

    private final CertificateAuthority ca = CertificateAuthority.create("finance", Duration.ofDays(365), CLOCK);
    private final IdentityVerifier verifier = new IdentityVerifier(List.of(ca.certificate()), "finance", CLOCK);

    @TempDir
    Path tmp;

    private X509Certificate[] issue(String clusterId, Component component) {
        return chain(ca.issue(SpiffeId.cluster("finance", clusterId, component), DAY, List.of(), List.of()));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Runnable verification, Reason reason) {
        return assertThatThrownBy(verification::run)
                .isInstanceOf(UntrustedPeerException.class)
                .satisfies(e -> assertThat(((UntrustedPeerException) e).reason()).isEqualTo(reason));
    }

    @Test
    void validChainYieldsThePeersIdentity() {
        X509Certificate[] chain = issue("east", Component.AGENT);

        assertThat(verifier.verify(chain)).isEqualTo(SpiffeId.cluster("finance", "east", Component.AGENT));
        assertThat(verifier.verify(chain, "east", Component.AGENT).clusterId()).isEqualTo("east");
    }

    @Test
    void chainThatIncludesTheCaIsAccepted() {
        X509Certificate leaf = issue("east", Component.GATEWAY)[0];

        assertThat(verifier.verify(new X509Certificate[] {leaf, ca.certificate()}))
                .isEqualTo(SpiffeId.cluster("finance", "east", Component.GATEWAY));
    }

    @Test
    void expiredCertificateIsRefusedNamingItsNotAfter() {
        X509Certificate[] chain = issue("east", Component.AGENT);
        IdentityVerifier twoDaysLater = new IdentityVerifier(List.of(ca.certificate()), "finance",
                Clock.offset(CLOCK, Duration.ofDays(2)));

        assertRefused(() -> twoDaysLater.verify(chain), Reason.EXPIRED)
                .hasMessageContaining("expired: notAfter " + NOW.plus(DAY) + " is before now " + NOW.plus(Duration.ofDays(2)))
                .hasMessageContaining("CN=agent,OU=east,O=finance");
    }

    @Test
    void certificateFromTheFutureIsRefused() {
        X509Certificate[] chain = issue("east", Component.AGENT);
        IdentityVerifier anHourEarlier = new IdentityVerifier(List.of(ca.certificate()), "finance",
                Clock.offset(CLOCK, Duration.ofHours(-1)));

        assertRefused(() -> anHourEarlier.verify(chain), Reason.NOT_YET_VALID)
                .hasMessageContaining("is not yet valid: notBefore " + NOW.minus(CertificateAuthority.NOT_BEFORE_BACKDATE));
    }

    @Test
    void clockSkewWithinTheBackdateIsTolerated() {
        X509Certificate[] chain = issue("east", Component.AGENT);
        IdentityVerifier lagging = new IdentityVerifier(List.of(ca.certificate()), "finance",
                Clock.offset(CLOCK, Duration.ofMinutes(-4)));

        assertThat(lagging.verify(chain).clusterSet()).isEqualTo("finance");
    }

    @Test
    void certificateFromAnotherCaIsRefused() {
        CertificateAuthority other = CertificateAuthority.create("retail", Duration.ofDays(365), CLOCK);
        X509Certificate[] chain = chain(other.issue(SpiffeId.cluster("retail", "east", Component.AGENT), DAY,
                List.of(), List.of()));

        assertRefused(() -> verifier.verify(chain), Reason.UNKNOWN_CA)
                .hasMessageContaining("is signed by another CA: issuer \"CN=fedgate CA retail");
    }

    @Test
    void certificateFromAnImpostorCaWithTheSameNameIsRefused() {
        CertificateAuthority impostor = CertificateAuthority.create("finance", Duration.ofDays(365), CLOCK);
        assertThat(impostor.certificate().getSubjectX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        X509Certificate[] chain = chain(impostor.issue(SpiffeId.cluster("finance", "east", Component.HUB), DAY,
                List.of(), List.of()));

        assertRefused(() -> verifier.verify(chain), Reason.UNKNOWN_CA)
                .hasMessageContaining("signature does not verify with the key of any trusted CA");
    }

    @Test
    void anotherClustersIdentityIsRefused() {
        X509Certificate[] chain = issue("west", Component.GATEWAY);

        assertRefused(() -> verifier.verify(chain, "east", Component.GATEWAY), Reason.WRONG_CLUSTER)
                .hasMessage("peer is spiffe://finance/cluster/west/gateway, expected cluster east");
    }

    @Test
    void anotherComponentOfTheRightClusterIsRefused() {
        X509Certificate[] chain = issue("east", Component.AGENT);

        assertRefused(() -> verifier.verify(chain, "east", Component.GATEWAY), Reason.WRONG_COMPONENT)
                .hasMessage("peer is spiffe://finance/cluster/east/agent, expected component gateway");
    }

    @Test
    void anotherClusterSetIsRefusedEvenFromATrustedCa() {
        CertificateAuthority retail = CertificateAuthority.create("retail", Duration.ofDays(365), CLOCK);
        IdentityVerifier trustsBoth = new IdentityVerifier(List.of(ca.certificate(), retail.certificate()),
                "finance", CLOCK);
        X509Certificate[] chain = chain(retail.issue(SpiffeId.cluster("retail", "east", Component.AGENT), DAY,
                List.of(), List.of()));

        assertRefused(() -> trustsBoth.verify(chain), Reason.WRONG_CLUSTER_SET)
                .hasMessage("peer is spiffe://retail/cluster/east/agent, expected cluster set finance");
    }

    @Test
    void adminIsRefusedWhereAClusterComponentIsExpectedAndAcceptedAsAdmin() {
        X509Certificate[] admin = chain(ca.issue(SpiffeId.admin("finance", "alice"), DAY, List.of(), List.of()));

        assertRefused(() -> verifier.verify(admin, "east", Component.HUB), Reason.WRONG_CLUSTER)
                .hasMessage("peer is spiffe://finance/admin/alice, expected a component of cluster east");
        assertThat(verifier.verifyAdmin(admin).name()).isEqualTo("alice");
        assertRefused(() -> verifier.verifyAdmin(issue("east", Component.HUB)), Reason.NOT_ADMIN)
                .hasMessageStartingWith("peer is spiffe://finance/cluster/east/hub, expected an admin identity");
    }

    @Test
    void bothCasAreTrustedDuringACaRotation() {
        CertificateAuthority next = CertificateAuthority.create("finance", Duration.ofDays(365),
                Clock.offset(CLOCK, Duration.ofSeconds(1)));
        IdentityVerifier rotating = new IdentityVerifier(List.of(ca.certificate(), next.certificate()), "finance", CLOCK);
        X509Certificate[] fromNext = chain(next.issue(SpiffeId.cluster("finance", "west", Component.AGENT), DAY,
                List.of(), List.of()));

        assertThat(rotating.verify(issue("east", Component.AGENT)).toString()).endsWith("/east/agent");
        assertThat(rotating.verify(fromNext).toString()).endsWith("/west/agent");
        assertRefused(() -> verifier.verify(fromNext), Reason.UNKNOWN_CA);
    }

    @Test
    void expiredTrustedCaVouchesForNobody() throws Exception {
        CertificateAuthority shortCa = CertificateAuthority.create("finance", DAY, CLOCK);
        shortCa.save(tmp);
        X509Certificate outlivesCa = HandmadeCertificates.leaf(tmp, X509Support.generateEcKeyPair().getPublic(),
                NOW, NOW.plus(Duration.ofDays(10)), List.of("spiffe://finance/cluster/east/agent"));
        IdentityVerifier later = new IdentityVerifier(List.of(shortCa.certificate()), "finance",
                Clock.offset(CLOCK, Duration.ofDays(2)));

        assertRefused(() -> later.verify(new X509Certificate[] {outlivesCa}), Reason.EXPIRED)
                .hasMessageStartingWith("trusted CA \"CN=fedgate CA finance");
    }

    @Test
    void certificateWithoutUriSanIsRefused() throws Exception {
        X509Certificate[] chain = {handmade(List.of())};

        assertRefused(() -> verifier.verify(chain), Reason.NO_SPIFFE_ID).hasMessageEndingWith("has no SPIFFE URI SAN");
    }

    @Test
    void certificateWithTwoUriSansIsRefused() throws Exception {
        X509Certificate[] chain = {handmade(List.of("spiffe://finance/cluster/east/agent",
                "spiffe://finance/cluster/west/agent"))};

        assertRefused(() -> verifier.verify(chain), Reason.SEVERAL_URI_SANS).hasMessageContaining("has 2 URI SANs");
    }

    @Test
    void malformedSpiffeIdIsRefusedQuotingIt() throws Exception {
        X509Certificate[] chain = {handmade(List.of("spiffe://finance/cluster/Bad_Id/agent"))};

        assertRefused(() -> verifier.verify(chain), Reason.MALFORMED_SPIFFE_ID)
                .hasMessageEndingWith("malformed SPIFFE id: \"spiffe://finance/cluster/Bad_Id/agent\": cluster id "
                        + "\"Bad_Id\" is not a DNS-1123 label");
    }

    @Test
    void emptyChainIsRefused() {
        assertRefused(() -> verifier.verify(new X509Certificate[0]), Reason.NO_CERTIFICATE)
                .hasMessage("peer presented no certificate");
    }

    @Test
    void caCertificatePresentedAsLeafIsNotAnIdentity() {
        assertRefused(() -> verifier.verify(new X509Certificate[] {ca.certificate()}), Reason.MALFORMED_SPIFFE_ID);
    }

    private X509Certificate handmade(List<String> uris) throws Exception {
        ca.save(tmp);
        return HandmadeCertificates.leaf(tmp, X509Support.generateEcKeyPair().getPublic(), NOW.minusSeconds(60),
                NOW.plus(DAY), uris);
    }
}
