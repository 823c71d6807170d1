package io.fedgate.interconnect.ovsdb.internal;

import io.fedgate.api.pki.PemFiles;
import io.fedgate.api.pki.PkiException;
import io.fedgate.interconnect.ovsdb.OvsdbTls;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The client side of an {@code ssl:} connection from {@link OvsdbTls}: the key and certificate fedgate shows
 * (mutual TLS, which ovsdb-server asks for) and the CA it trusts the server by. The files are read once,
 * here, so a missing or garbled one is a configuration error when the client is made, not a handshake error
 * on every reconnect.
 */
final class TlsClientContext {
    private TlsClientContext() {
    }

    /**
     * @throws IllegalArgumentException naming {@code label}, the file and what is wrong with it
     */
    static SslContext build(OvsdbTls tls, String label) {
        PrivateKey key = read(label, "private key", () -> PemFiles.readPrivateKey(tls.privateKey()));
        List<X509Certificate> chain = read(label, "certificate", () -> PemFiles.readCertificates(tls.certificate()));
        List<X509Certificate> authorities = read(label, "CA certificate",
                () -> PemFiles.readCertificates(tls.caCertificate()));
        try {
            SslContextBuilder b = SslContextBuilder.forClient()
                    .keyManager(key, chain.toArray(X509Certificate[]::new))
                    .trustManager(new CaTrustManager(authorities, tls.caCertificate()));
            if (!tls.verifyHostname()) {
                // OVS checks only that the peer's certificate chains to the CA; ovs-pki certificates carry no SANs
                b.endpointIdentificationAlgorithm(null);
            }
            return b.build();
        } catch (SSLException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(label + ": cannot use TLS files (key " + tls.privateKey()
                    + ", certificate " + tls.certificate() + ", CA " + tls.caCertificate() + "): " + e.getMessage(), e);
        }
    }

    private interface Reader<T> {
        T read();
    }

    private static <T> T read(String label, String what, Reader<T> reader) {
        try {
            return reader.read();
        } catch (PkiException e) {
            throw new IllegalArgumentException(label + ": TLS " + what + " " + e.getMessage(), e);
        }
    }
}
