package io.fedgate.api.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.api.pki.internal.X509Support;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {
    private static final TestPki PKI = TestPki.create();

    @TempDir
    Path tmp;

    @Test
    void savedDirectoryHoldsKey0600ChainAndAnchorsAndLoadsBack() throws Exception {
        TlsMaterial material = PKI.issue("east", Component.HUB);
        Path dir = tmp.resolve("cert");

        material.save(dir);

        assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("tls.key", "tls.crt", "ca.crt");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tls.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(TlsMaterial.load(dir)).isEqualTo(material);
    }

    @Test
    void pemFormsRoundTrip() {
        TlsMaterial material = PKI.issue("east", Component.AGENT);

        TlsMaterial parsed = TlsMaterial.fromPem(material.privateKeyPem(), material.certificateChainPem(),
                material.trustAnchorsPem());

        assertThat(parsed).isEqualTo(material);
        assertThat(material.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void identityIsTheLeafsSpiffeId() {
        assertThat(PKI.issue("east", Component.GATEWAY).identity())
                .isEqualTo(SpiffeId.cluster(TestPki.CLUSTER_SET, "east", Component.GATEWAY));
        assertThat(PKI.issueAdmin("alice").identity()).isEqualTo(SpiffeId.admin(TestPki.CLUSTER_SET, "alice"));
    }

    @Test
    void keyOfAnotherCertificateIsRefused() {
        TlsMaterial material = PKI.issue("east", Component.AGENT);

        assertThatThrownBy(() -> new TlsMaterial(X509Support.generateEcKeyPair().getPrivate(),
                material.certificateChain(), material.trustAnchors()))
                .isInstanceOf(PkiException.class)
                .hasMessageStartingWith("privateKey: does not match the public key of certificate \"CN=agent,OU=east");
    }

    @Test
    void loadingAGarbledFileNamesIt() throws Exception {
        PKI.issue("east", Component.AGENT).save(tmp);
        Files.writeString(tmp.resolve("tls.crt"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> TlsMaterial.load(tmp))
                .isInstanceOf(PkiException.class)
                .hasMessageStartingWith(tmp.resolve("tls.crt") + ": ");
    }

    @Test
    void rotatedTrustAnchorsKeepKeyAndChain() {
        TlsMaterial material = PKI.issue("east", Component.AGENT);
        X509Certificate nextCa = TestPki.create().ca().certificate();

        TlsMaterial rotated = material.withTrustAnchors(List.of(PKI.ca().certificate(), nextCa));

        assertThat(rotated.certificateChain()).isEqualTo(material.certificateChain());
        assertThat(rotated.trustAnchors()).hasSize(2);
        assertThat(rotated.identityVerifier(java.time.Clock.systemUTC()).trustAnchors()).contains(nextCa);
    }

    @Test
    void keyStoresHoldTheKeyChainAndAnchors() throws Exception {
        TlsMaterial material = PKI.issue("east", Component.AGENT);
        char[] password = "changeit".toCharArray();

        KeyStore keys = material.keyStore(password);
        KeyStore trust = material.trustStore();

        assertThat(keys.getKey("fedgate", password)).isEqualTo(material.privateKey());
        assertThat(keys.getCertificateChain("fedgate")).containsExactly(material.certificate());
        assertThat(trust.getCertificate("ca-0")).isEqualTo(PKI.ca().certificate());
    }

    @Test
    void toStringNeverShowsTheKey() {
        TlsMaterial material = PKI.issue("east", Component.AGENT);

        assertThat(material.toString()).startsWith("TlsMaterial[\"CN=agent,OU=east")
                .doesNotContain(material.privateKeyPem().lines().skip(1).findFirst().orElseThrow());
    }
}
