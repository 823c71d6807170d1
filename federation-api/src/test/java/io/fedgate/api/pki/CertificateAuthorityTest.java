package io.fedgate.api.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.api.pki.internal.X509Support;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration DAY = Duration.ofDays(1);
    private static final ClusterIdentity EAST_AGENT = SpiffeId.cluster("finance", "east", Component.AGENT);

    private final CertificateAuthority ca = CertificateAuthority.create("finance", Duration.ofDays(365), CLOCK);

    @TempDir
    Path tmp;

    @Test
    void issuedCertificateCarriesTheSpiffeUriSanAndHostnameSans() throws Exception {
        TlsMaterial issued = ca.issue(EAST_AGENT, DAY, List.of("localhost"),
                List.of(InetAddress.getByName("127.0.0.1")));

        X509Certificate leaf = issued.certificate();
        assertThat(X509Support.uriSans(leaf)).containsExactly("spiffe://finance/cluster/east/agent");
        assertThat(leaf.getSubjectAlternativeNames())
                .contains(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(issued.identity()).isEqualTo(EAST_AGENT);
        assertThat(issued.trustAnchors()).containsExactly(ca.certificate());
        leaf.verify(ca.certificate().getPublicKey());
    }

    @Test
    void issuedCertificateIsATlsClientAndServerLeaf() throws Exception {
        X509Certificate leaf = ca.issue(EAST_AGENT, DAY, List.of(), List.of()).certificate();

        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        boolean[] keyUsage = leaf.getKeyUsage();
        assertThat(keyUsage[0]).as("digitalSignature").isTrue();
        assertThat(keyUsage[5]).as("keyCertSign").isFalse();
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=agent,OU=east,O=finance");
        assertThat(((ECPublicKey) leaf.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
    }

    @Test
    void serialNumbersAreRandomPositiveAndAtMost128Bits() {
        Set<BigInteger> serials = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> ca.issue(EAST_AGENT, DAY, List.of(), List.of()).certificate().getSerialNumber())
                .collect(Collectors.toSet());

        assertThat(serials).hasSize(5).allSatisfy(serial -> {
            assertThat(serial.signum()).isPositive();
            assertThat(serial.bitLength()).isLessThanOrEqualTo(128);
        });
    }

    @Test
    void notBeforeIsBackdatedForClockSkewAndNotAfterFollowsValidity() {
        X509Certificate leaf = ca.issue(EAST_AGENT, DAY, List.of(), List.of()).certificate();

        assertThat(leaf.getNotBefore().toInstant()).isEqualTo(NOW.minus(CertificateAuthority.NOT_BEFORE_BACKDATE));
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plus(DAY));
    }

    @Test
    void issuedCertificateNeverOutlivesTheCa() {
        X509Certificate leaf = ca.issue(EAST_AGENT, Duration.ofDays(5000), List.of(), List.of()).certificate();

        assertThat(leaf.getNotAfter()).isEqualTo(ca.certificate().getNotAfter());
    }

    @Test
    void expiredCaIssuesNothing() {
        CertificateAuthority shortLived = CertificateAuthority.create("finance", DAY, CLOCK);
        shortLived.saveReplacing(tmp);
        CertificateAuthority later = CertificateAuthority.load(tmp, Clock.offset(CLOCK, Duration.ofDays(2)));

        assertThatThrownBy(() -> later.issue(EAST_AGENT, DAY, List.of(), List.of()))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("expired at " + NOW.plus(DAY));
    }

    @Test
    void caCertificateIsASelfSignedCaNamingItsTrustDomain() throws Exception {
        X509Certificate caCert = ca.certificate();

        caCert.verify(caCert.getPublicKey());
        assertThat(caCert.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(caCert.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(X509Support.uriSans(caCert)).containsExactly("spiffe://finance");
        assertThat(ca.clusterSet()).isEqualTo("finance");
        assertThat(ca.fingerprintSha256()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Test
    void identityOfAnotherClusterSetIsRefused() {
        assertThatThrownBy(() -> ca.issue(SpiffeId.cluster("retail", "east", Component.HUB), DAY, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("identity spiffe://retail/cluster/east/hub is not in cluster set finance of this CA");
    }

    @Test
    void badDnsNameAndValidityAreNamed() {
        assertThatThrownBy(() -> ca.issue(EAST_AGENT, DAY, List.of("localhost", "Bad_Name"), List.of()))
                .hasMessage("dnsNames[1]: \"Bad_Name\" is not a DNS-1123 subdomain");
        assertThatThrownBy(() -> ca.issue(EAST_AGENT, Duration.ZERO, List.of(), List.of()))
                .hasMessage("validity (PT0S) must be positive");
    }

    // ---- save / load ----

    @Test
    void savedCaLoadsBackIdentical() {
        Path dir = tmp.resolve("ca");
        ca.save(dir);

        CertificateAuthority loaded = CertificateAuthority.load(dir, CLOCK);

        assertThat(loaded.certificate()).isEqualTo(ca.certificate());
        assertThat(loaded.clusterSet()).isEqualTo("finance");
        assertThat(loaded.fingerprintSha256()).isEqualTo(ca.fingerprintSha256());
        TlsMaterial issuedByLoaded = loaded.issue(EAST_AGENT, DAY, List.of(), List.of());
        assertThat(ca.identityVerifier().verify(chain(issuedByLoaded))).isEqualTo(EAST_AGENT);
    }

    @Test
    void caKeyIsWritten0600InANewDirectory0700() throws Exception {
        Path dir = tmp.resolve("new/ca");
        ca.save(dir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.crt"))))
                .isEqualTo("rw-r--r--");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ca.crt", "ca.key");
    }

    @Test
    void saveRefusesToOverwriteACaButSaveReplacingReplacesIt() {
        ca.save(tmp);
        CertificateAuthority other = CertificateAuthority.create("finance", DAY, CLOCK);

        assertThatThrownBy(() -> other.save(tmp))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("already holds a CA");
        other.saveReplacing(tmp);
        assertThat(CertificateAuthority.load(tmp, CLOCK).certificate()).isEqualTo(other.certificate());
    }

    @Test
    void loadingAMissingDirectoryOrFileNamesIt() throws Exception {
        assertThatThrownBy(() -> CertificateAuthority.load(tmp.resolve("nope"), CLOCK))
                .isInstanceOf(PkiException.class)
                .hasMessage(tmp.resolve("nope") + ": no such CA directory");
        ca.save(tmp);
        Files.delete(tmp.resolve("ca.key"));

        assertThatThrownBy(() -> CertificateAuthority.load(tmp, CLOCK))
                .hasMessage(tmp.resolve("ca.key") + ": no such file");
    }

    @Test
    void loadingAGarbledFileNamesIt() throws Exception {
        ca.save(tmp);
        Files.writeString(tmp.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> CertificateAuthority.load(tmp, CLOCK))
                .isInstanceOf(PkiException.class)
                .hasMessageStartingWith(tmp.resolve("ca.crt") + ": ");
    }

    @Test
    void loadingAKeyOfAnotherCaNamesTheKeyFile() {
        ca.save(tmp.resolve("a"));
        CertificateAuthority.create("finance", DAY, CLOCK).save(tmp.resolve("b"));
        PemFiles.writePrivateKey(tmp.resolve("a/ca.key"), PemFiles.readPrivateKey(tmp.resolve("b/ca.key")));

        assertThatThrownBy(() -> CertificateAuthority.load(tmp.resolve("a"), CLOCK))
                .hasMessage(tmp.resolve("a/ca.key") + ": does not match the public key in " + tmp.resolve("a/ca.crt"));
    }

    @Test
    void loadingALeafAsCaSaysItIsNotACa() {
        TlsMaterial leaf = ca.issue(EAST_AGENT, DAY, List.of(), List.of());
        PemFiles.writeCertificates(tmp.resolve("ca.crt"), leaf.certificateChain());
        PemFiles.writePrivateKey(tmp.resolve("ca.key"), leaf.privateKey());

        assertThatThrownBy(() -> CertificateAuthority.load(tmp, CLOCK))
                .hasMessageContaining("is not a CA certificate");
    }

    // ---- CSR signing ----

    @Test
    void signingACsrIgnoresTheNamesItAsksFor() throws Exception {
        CertificateRequest request = CertificateRequest.generate(SpiffeId.cluster("finance", "evil", Component.HUB));

        X509Certificate signed = ca.sign(request.csrPem(), EAST_AGENT, DAY);

        assertThat(X509Support.uriSans(signed)).containsExactly("spiffe://finance/cluster/east/agent");
        assertThat(signed.getSubjectX500Principal().getName()).isEqualTo("CN=agent,OU=east,O=finance");
        assertThat(signed.getPublicKey()).isEqualTo(request.keyPair().getPublic());
        TlsMaterial joined = request.complete(List.of(signed), List.of(ca.certificate()));
        assertThat(ca.identityVerifier().verify(chain(joined), "east", Component.AGENT)).isEqualTo(EAST_AGENT);
    }

    @Test
    void signingGarbledPemSaysSo() {
        assertThatThrownBy(() -> ca.sign("-----BEGIN CERTIFICATE REQUEST-----\n@@@\n-----END CERTIFICATE REQUEST-----\n",
                EAST_AGENT, DAY))
                .isInstanceOf(PkiException.class)
                .hasMessageStartingWith("csr: garbled PEM");
        assertThatThrownBy(() -> ca.sign("hello", EAST_AGENT, DAY)).hasMessage("csr: no PEM block found");
        assertThatThrownBy(() -> ca.sign(ca.certificatePem(), EAST_AGENT, DAY))
                .hasMessageStartingWith("csr: expected exactly one CERTIFICATE REQUEST block");
    }

    @Test
    void csrSignedWithAnotherKeyIsRefused() throws Exception {
        KeyPair claimed = X509Support.generateEcKeyPair();
        KeyPair actual = X509Support.generateEcKeyPair();
        byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=x"), claimed.getPublic())
                .build(X509Support.signer(actual.getPrivate())).getEncoded();

        assertThatThrownBy(() -> ca.sign(PemFiles.pemBlock("CERTIFICATE REQUEST", der), EAST_AGENT, DAY))
                .isInstanceOf(PkiException.class)
                .hasMessageStartingWith("csr: self-signature does not verify");
    }

    @Test
    void oversizedCsrIsRefusedBeforeParsing() {
        String huge = "A".repeat(CertificateAuthority.DEFAULT_MAX_CSR_PEM_CHARS + 1);

        assertThatThrownBy(() -> ca.sign(huge, EAST_AGENT, DAY)).hasMessageContaining("DEFAULT_MAX_CSR_PEM_CHARS");
    }

    static X509Certificate[] chain(TlsMaterial material) {
        return material.certificateChain().toArray(new X509Certificate[0]);
    }
}
