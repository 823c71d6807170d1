package io.fedgate.api.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.api.pki.internal.X509Support;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {
    private static final TestPki PKI = TestPki.create();

    @TempDir
    Path tmp;

    @Test
    void privateKeyFileIs0600EvenWhenReplacingAWorldReadableFile() throws Exception {
        Path file = tmp.resolve("tls.key");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        PemFiles.writePrivateKey(file, X509Support.generateEcKeyPair().getPrivate());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.list(tmp)).as("no temporary file left behind").containsExactly(file);
    }

    @Test
    void privateKeyRoundTripsAsPkcs8() {
        PrivateKey key = X509Support.generateEcKeyPair().getPrivate();
        PemFiles.writePrivateKey(tmp.resolve("k"), key);

        assertThat(PemFiles.readPrivateKey(tmp.resolve("k"))).isEqualTo(key);
    }

    @Test
    void certificateChainRoundTripsInOrder() {
        TlsMaterial material = PKI.issue("east", Component.GATEWAY);
        List<java.security.cert.X509Certificate> chain = List.of(material.certificate(), PKI.ca().certificate());
        PemFiles.writeCertificates(tmp.resolve("chain.crt"), chain);

        assertThat(PemFiles.readCertificates(tmp.resolve("chain.crt"))).containsExactlyElementsOf(chain);
    }

    @Test
    void opensslStyleEcPrivateKeyIsRead() throws Exception {
        // a throwaway key from `openssl ecparam -genkey -name prime256v1 -noout` (SEC1 with named curve)
        String sec1 = "-----BEGIN EC PRIVATE KEY-----\n"
                + "MHcCAQEEIFwkGualYgtDPmthLAVOCs+cpMf13SGeqStUIX9F+6fSoAoGCCqGSM49\n"
                + "AwEHoUQDQgAECVHpXtuPcUPklFTHywFXFXU0X8gruN2fAkJEUIVC76otJajMAjGF\n"
                + "dECBPfQwjcBKZPi8ac0Q1+jDtpon/FqCRg==\n"
                + "-----END EC PRIVATE KEY-----\n";
        String publicKey = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAECVHpXtuPcUPklFTHywFXFXU0X8gr"
                + "uN2fAkJEUIVC76otJajMAjGFdECBPfQwjcBKZPi8ac0Q1+jDtpon/FqCRg==";
        PublicKey expectedPublic = KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));

        PrivateKey key = PemFiles.parsePrivateKey(sec1, "sec1");

        assertThat(key.getAlgorithm()).isEqualTo("EC");
        assertThat(X509Support.keysMatch(key, expectedPublic)).isTrue();
    }

    @Test
    void garbledPemNamesTheFile() throws Exception {
        Path file = tmp.resolve("tls.crt");
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n%%%%\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> PemFiles.readCertificates(file))
                .isInstanceOf(PkiException.class)
                .hasMessageStartingWith(file + ": garbled PEM");
    }

    @Test
    void fileWithoutPemNamesTheFile() throws Exception {
        Path file = tmp.resolve("empty.crt");
        Files.writeString(file, "just some text\n");

        assertThatThrownBy(() -> PemFiles.readCertificates(file)).hasMessage(file + ": no PEM block found");
    }

    @Test
    void keyWhereCertificatesBelongIsNamed() {
        String keyPem = PemFiles.toPem(X509Support.generateEcKeyPair().getPrivate());

        assertThatThrownBy(() -> PemFiles.parseCertificates(keyPem, "ca.crt"))
                .hasMessageStartingWith("ca.crt: expected only CERTIFICATE blocks, found a PrivateKeyInfo");
        assertThatThrownBy(() -> PemFiles.parsePrivateKey(PKI.ca().certificatePem(), "tls.key"))
                .hasMessageStartingWith("tls.key: expected a private key, found a X509CertificateHolder");
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> PemFiles.readPrivateKey(tmp.resolve("absent.key")))
                .hasMessage(tmp.resolve("absent.key") + ": no such file");
    }

    @Test
    void fileLargerThanTheBoundIsRefused() throws Exception {
        Path file = tmp.resolve("huge.crt");
        Files.write(file, new byte[PemFiles.DEFAULT_MAX_PEM_BYTES + 1]);

        assertThatThrownBy(() -> PemFiles.read(file))
                .hasMessage(file + ": larger than " + PemFiles.DEFAULT_MAX_PEM_BYTES
                        + " bytes (DEFAULT_MAX_PEM_BYTES), not a PEM file fedgate reads");
    }

    @Test
    void newKeyDirectoryIs0700AndExistingOnesAreLeftAlone() throws Exception {
        Path fresh = tmp.resolve("a/b");
        PemFiles.ensurePrivateDirectory(fresh);
        Path existing = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));
        PemFiles.ensurePrivateDirectory(existing);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).isEqualTo("rwxr-xr-x");
    }
}
