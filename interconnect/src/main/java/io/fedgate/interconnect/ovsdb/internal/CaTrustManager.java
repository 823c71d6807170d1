package io.fedgate.interconnect.ovsdb.internal;

import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server whose certificate chains to one of the configured CA certificates, and nothing else, as
 * ovsdb's own {@code --ca-cert} does. The JDK's verdict is kept; only its message is replaced by one that
 * names the certificate the server presented and the CA file it was checked against, because the JDK's
 * "PKIX path building failed" tells an operator neither.
 */
final class CaTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private final List<X509Certificate> authorities;
    private final Path caFile;

    CaTrustManager(List<X509Certificate> authorities, Path caFile) throws GeneralSecurityException {
        this.authorities = List.copyOf(authorities);
        this.caFile = caFile;
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("empty key store: " + e.getMessage(), e);
        }
        for (int i = 0; i < authorities.size(); i++) {
            store.setCertificateEntry("ca-" + i, authorities.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        X509ExtendedTrustManager found = null;
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                found = x;
            }
        }
        if (found == null) {
            throw new GeneralSecurityException("the JDK offers no X509ExtendedTrustManager");
        }
        this.delegate = found;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        explainingFailures(chain, () -> delegate.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        explainingFailures(chain, () -> delegate.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        explainingFailures(chain, () -> delegate.checkServerTrusted(chain, authType));
    }

    /** One of the delegate's checks. */
    private interface Check {
        void run() throws CertificateException;
    }

    private void explainingFailures(X509Certificate[] chain, Check check) throws CertificateException {
        try {
            check.run();
        } catch (CertificateException e) {
            throw explained(chain, e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    private CertificateException explained(X509Certificate[] chain, CertificateException e) {
        if (chain == null || chain.length == 0) {
            return new CertificateException("the server presented no certificate", e);
        }
        X509Certificate leaf = chain[0];
        String presented = "server certificate \"" + leaf.getSubjectX500Principal().getName() + "\" (issuer \""
                + leaf.getIssuerX500Principal().getName() + "\")";
        if (!signedByAuthority(chain)) {
            return new CertificateException(presented + " is not signed by the configured CA (" + caFile + ": "
                    + authorities.stream().map(a -> "\"" + a.getSubjectX500Principal().getName() + "\"")
                    .collect(Collectors.joining(", ")) + ")", e);
        }
        return new CertificateException(presented + " was refused: " + e.getMessage(), e);
    }

    /** True when some certificate of the chain is signed by one of the authorities. */
    private boolean signedByAuthority(X509Certificate[] chain) {
        for (X509Certificate cert : chain) {
            for (X509Certificate authority : authorities) {
                if (cert.getIssuerX500Principal().equals(authority.getSubjectX500Principal())) {
                    try {
                        cert.verify(authority.getPublicKey());
                        return true;
                    } catch (GeneralSecurityException wrongKey) {
                        // same name, another key: keep looking
                    }
                }
            }
        }
        return false;
    }
}
