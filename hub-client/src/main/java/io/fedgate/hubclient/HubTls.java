package io.fedgate.hubclient;

import io.fedgate.api.pki.PkiException;
import io.fedgate.api.pki.TlsMaterial;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * JDK TLS contexts for talking to the hub, built from fedgate's PEM material: the client certificate of a
 * {@link TlsMaterial} (when there is one) and the cluster set's CA as the only trust anchor.
 */
public final class HubTls {
    private static final char[] IN_MEMORY_PASSWORD = "in-memory-only".toCharArray();
    private static final int URI_SAN = 6;

    private HubTls() {
    }

    /** A TLS 1.3 context presenting {@code identity}'s certificate and trusting its trust anchors. */
    public static SSLContext sslContext(TlsMaterial identity) {
        return sslContext(identity, identity.trustAnchors());
    }

    /**
     * A TLS 1.3 context trusting {@code trustAnchors}, presenting {@code identity}'s certificate, or none when
     * {@code identity} is null (a component that has not joined yet).
     */
    public static SSLContext sslContext(TlsMaterial identity, List<X509Certificate> trustAnchors) {
        try {
            KeyManager[] keyManagers = null;
            if (identity != null) {
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(identity.keyStore(IN_MEMORY_PASSWORD), IN_MEMORY_PASSWORD);
                keyManagers = keys.getKeyManagers();
            }
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            for (int i = 0; i < trustAnchors.size(); i++) {
                anchors.setCertificateEntry("ca-" + i, trustAnchors.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(keyManagers, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new PkiException("cannot build a TLS context for the hub: " + e.getMessage(), e);
        }
    }

    /**
     * The cluster set a fedgate CA certificate vouches for: its {@code spiffe://<clusterset>} URI SAN.
     *
     * @throws PkiException when the certificate carries no such SAN
     */
    public static String clusterSetOf(X509Certificate ca) {
        try {
            if (ca.getSubjectAlternativeNames() != null) {
                for (List<?> san : ca.getSubjectAlternativeNames()) {
                    if (((Integer) san.get(0)) == URI_SAN) {
                        URI uri = URI.create((String) san.get(1));
                        if ("spiffe".equals(uri.getScheme()) && uri.getHost() != null
                                && (uri.getPath() == null || uri.getPath().isEmpty())) {
                            return uri.getHost();
                        }
                    }
                }
            }
        } catch (CertificateParsingException | IllegalArgumentException e) {
            throw new PkiException("CA certificate " + ca.getSubjectX500Principal().getName()
                    + ": garbled subject alternative names: " + e.getMessage(), e);
        }
        throw new PkiException("CA certificate " + ca.getSubjectX500Principal().getName()
                + " has no spiffe://<cluster set> URI SAN; not a fedgate CA");
    }
}
