package io.fedgate.interconnect.ovsdb.internal;

import io.fedgate.interconnect.ovsdb.OvsdbTls;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
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
        OvsdbTls.Pem pem;
        try {
            pem = tls.load();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
        }
        try {
            SslContextBuilder b = SslContextBuilder.forClient()
                    .keyManager(pem.privateKey(), pem.certificateChain().toArray(X509Certificate[]::new))
                    .trustManager(new CaTrustManager(pem.authorities(), tls.caCertificate()));
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
}
