package io.fedgate.hub.internal.api;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The API server's trust manager: it lets any client certificate through the TLS handshake and leaves the
 * decision to {@code IdentityVerifier}, per request.
 *
 * <p>Why: the handshake still proves the client holds the key of the certificate it sent (TLS
 * CertificateVerify), and every route but {@code /v1/join} then validates the chain against the CA at the
 * hub's clock and reads the SPIFFE id; a refused certificate (expired, foreign CA, another cluster set) gets
 * a 401 whose body says exactly why and an audit record, instead of an anonymous handshake failure. An
 * empty accepted-issuers list lets clients send whatever certificate they hold. Server certificates are
 * never checked through this manager.
 */
final class DeferredClientTrust extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // deferred to IdentityVerifier on each request
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // deferred to IdentityVerifier on each request
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // deferred to IdentityVerifier on each request
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the hub's API server does not verify servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("the hub's API server does not verify servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the hub's API server does not verify servers");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
