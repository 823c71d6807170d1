package io.fedgate.interconnect.ovsdb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.api.pki.CertificateAuthority;
import io.fedgate.api.pki.ClusterIdentity;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.interconnect.ovsdb.OvsdbClientConfig;
import io.fedgate.interconnect.ovsdb.OvsdbEndpoint;
import io.fedgate.interconnect.ovsdb.OvsdbTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsClientContextTest {
    @TempDir
    Path dir;

    @BeforeEach
    void issue() {
        CertificateAuthority ca = CertificateAuthority.create("test-set", Duration.ofDays(1), Clock.systemUTC());
        ca.issue(new ClusterIdentity("test-set", "c1", Component.AGENT), Duration.ofDays(1), List.of(), List.of())
                .save(dir);
    }

    private OvsdbTls tls() {
        return new OvsdbTls(dir.resolve(TlsMaterial.KEY_FILE), dir.resolve(TlsMaterial.CERT_FILE),
                dir.resolve(TlsMaterial.TRUST_FILE), false);
    }

    @Test
    void readableFilesMakeAClientContext() {
        assertThat(TlsClientContext.build(tls(), "IC-NB").isClient()).isTrue();
    }

    @Test
    void missingKeyFileIsAConfigurationErrorNamingIt() throws Exception {
        Files.delete(dir.resolve(TlsMaterial.KEY_FILE));
        assertThatThrownBy(() -> OvsdbClientConfig.builder("OVN_IC_Northbound",
                        OvsdbEndpoint.parseList("ssl:127.0.0.1:6645")).tls(tls()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TLS private key file " + dir.resolve(TlsMaterial.KEY_FILE))
                .hasMessageContaining("does not exist or is not readable");
    }

    @Test
    void sslEndpointWithoutTlsFilesIsAConfigurationError() {
        assertThatThrownBy(() -> OvsdbClientConfig.builder("OVN_IC_Northbound",
                        OvsdbEndpoint.parseList("ssl:[::1]:6645")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ssl:[::1]:6645")
                .hasMessageContaining("needs TLS files");
    }

    @Test
    void garbledKeyIsAConfigurationErrorNamingTheFile() throws Exception {
        Files.writeString(dir.resolve(TlsMaterial.KEY_FILE), "not a key\n");
        assertThatThrownBy(() -> TlsClientContext.build(tls(), "IC-NB"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("IC-NB: TLS private key")
                .hasMessageContaining(dir.resolve(TlsMaterial.KEY_FILE).toString());
    }

    @Test
    void certificateFileWithoutCertificatesIsAConfigurationErrorNamingTheFile() throws Exception {
        Files.writeString(dir.resolve(TlsMaterial.TRUST_FILE), "");
        assertThatThrownBy(() -> TlsClientContext.build(tls(), "IC-NB"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("IC-NB: TLS CA certificate")
                .hasMessageContaining(dir.resolve(TlsMaterial.TRUST_FILE).toString());
    }
}
