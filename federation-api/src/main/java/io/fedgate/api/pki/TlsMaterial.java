package io.fedgate.api.pki;

import io.fedgate.api.pki.internal.X509Support;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * What one fedgate process needs for mutual TLS: its private key, its certificate chain (leaf first) and
 * the CA certificates it trusts (several during a CA rotation).
 *
 * <p>The PEM forms plug straight into the TLS stacks fedgate uses:
 * <ul>
 *   <li>Netty: {@code SslContextBuilder.forServer(chainIn, keyIn).trustManager(anchorsIn)} with
 *       {@code new ByteArrayInputStream(m.certificateChainPem().getBytes(US_ASCII))} and likewise for
 *       {@link #privateKeyPem()} (PKCS#8, which Netty requires) and {@link #trustAnchorsPem()};</li>
 *   <li>Vert.x: {@code new PemKeyCertOptions().setKeyValue(Buffer.buffer(m.privateKeyPem()))
 *       .setCertValue(Buffer.buffer(m.certificateChainPem()))} and
 *       {@code new PemTrustOptions().addCertValue(Buffer.buffer(m.trustAnchorsPem()))};</li>
 *   <li>the JDK: {@link #keyStore(char[])} and {@link #trustStore()}.</li>
 * </ul>
 * On disk it is a directory with {@value #KEY_FILE} (0600), {@value #CERT_FILE} and {@value #TRUST_FILE}: the
 * directory every {@code --cert DIR} option of fedgate names.
 *
 * @param privateKey the key of the leaf certificate
 * @param certificateChain leaf first, then any intermediates; never empty
 * @param trustAnchors the CA certificates peers must chain to; never empty
 */
public record TlsMaterial(PrivateKey privateKey, List<X509Certificate> certificateChain,
                          List<X509Certificate> trustAnchors) {

    /** The private key file in a TLS directory. */
    public static final String KEY_FILE = "tls.key";
    /** The certificate chain file in a TLS directory. */
    public static final String CERT_FILE = "tls.crt";
    /** The trust anchors file in a TLS directory. */
    public static final String TRUST_FILE = "ca.crt";
    private static final String KEY_ALIAS = "fedgate";

    /** @throws PkiException when a part is missing or the key does not belong to the leaf certificate */
    public TlsMaterial {
        Objects.requireNonNull(privateKey, "privateKey");
        if (certificateChain == null || certificateChain.isEmpty()) {
            throw new PkiException("certificateChain: empty, expected the leaf certificate first");
        }
        if (trustAnchors == null || trustAnchors.isEmpty()) {
            throw new PkiException("trustAnchors: empty, expected at least one CA certificate");
        }
        certificateChain = List.copyOf(certificateChain);
        trustAnchors = List.copyOf(trustAnchors);
        if (!X509Support.keysMatch(privateKey, certificateChain.get(0).getPublicKey())) {
            throw new PkiException("privateKey: does not match the public key of certificate "
                    + X509Support.describe(certificateChain.get(0)));
        }
    }

    /** Parses the three PEM texts; errors name which one is wrong. */
    public static TlsMaterial fromPem(String privateKeyPem, String certificateChainPem, String trustAnchorsPem) {
        return new TlsMaterial(PemFiles.parsePrivateKey(privateKeyPem, "privateKeyPem"),
                PemFiles.parseCertificates(certificateChainPem, "certificateChainPem"),
                PemFiles.parseCertificates(trustAnchorsPem, "trustAnchorsPem"));
    }

    /**
     * Reads {@value #KEY_FILE}, {@value #CERT_FILE} and {@value #TRUST_FILE} from {@code dir}.
     *
     * @throws PkiException naming the missing or garbled file, or saying the key does not match
     */
    public static TlsMaterial load(Path dir) {
        PrivateKey key = PemFiles.readPrivateKey(dir.resolve(KEY_FILE));
        List<X509Certificate> chain = PemFiles.readCertificates(dir.resolve(CERT_FILE));
        List<X509Certificate> anchors = PemFiles.readCertificates(dir.resolve(TRUST_FILE));
        try {
            return new TlsMaterial(key, chain, anchors);
        } catch (PkiException e) {
            throw new PkiException(dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the three files to {@code dir} (created 0700 when new), each replaced atomically; the key is
     * 0600 from creation. Trust anchors go first and the key before the certificate, so a process reloading
     * mid-write sees either a consistent set or a key/certificate mismatch it can retry, never a certificate
     * it cannot verify.
     */
    public void save(Path dir) {
        PemFiles.ensurePrivateDirectory(dir);
        PemFiles.writeCertificates(dir.resolve(TRUST_FILE), trustAnchors);
        PemFiles.writePrivateKey(dir.resolve(KEY_FILE), privateKey);
        PemFiles.writeCertificates(dir.resolve(CERT_FILE), certificateChain);
    }

    /** The leaf certificate. */
    public X509Certificate certificate() {
        return certificateChain.get(0);
    }

    /**
     * The SPIFFE id in the leaf certificate's URI SAN, as issued (not verified against anything).
     *
     * @throws PkiException when the leaf has no single, well-formed fedgate SPIFFE id
     */
    public SpiffeId identity() {
        List<String> uris;
        try {
            uris = X509Support.uriSans(certificate());
        } catch (CertificateParsingException e) {
            throw new PkiException("certificate " + X509Support.describe(certificate())
                    + ": garbled subject alternative names: " + e.getMessage(), e);
        }
        if (uris.size() != 1) {
            throw new PkiException("certificate " + X509Support.describe(certificate()) + ": " + uris.size()
                    + " URI SANs " + uris + ", expected exactly one SPIFFE id");
        }
        try {
            return SpiffeId.parse(uris.get(0));
        } catch (IllegalArgumentException e) {
            throw new PkiException("certificate " + X509Support.describe(certificate()) + ": " + e.getMessage(), e);
        }
    }

    /** A verifier that trusts this material's anchors for this material's cluster set. */
    public IdentityVerifier identityVerifier(Clock clock) {
        return new IdentityVerifier(trustAnchors, identity().clusterSet(), clock);
    }

    /** The same key and chain trusting {@code anchors} instead (e.g. old and new CA during a CA rotation). */
    public TlsMaterial withTrustAnchors(List<X509Certificate> anchors) {
        return new TlsMaterial(privateKey, certificateChain, anchors);
    }

    /** The private key as an unencrypted PKCS#8 PEM block. */
    public String privateKeyPem() {
        return PemFiles.toPem(privateKey);
    }

    /** The chain as PEM, leaf first. */
    public String certificateChainPem() {
        return PemFiles.toPem(certificateChain);
    }

    /** The trust anchors as PEM. */
    public String trustAnchorsPem() {
        return PemFiles.toPem(trustAnchors);
    }

    /** A PKCS#12 key store holding the key and chain under alias {@code fedgate}, for a JDK KeyManagerFactory. */
    public KeyStore keyStore(char[] password) {
        KeyStore store = emptyKeyStore();
        try {
            store.setKeyEntry(KEY_ALIAS, privateKey, password, certificateChain.toArray(new X509Certificate[0]));
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot put the key of " + X509Support.describe(certificate())
                    + " into a key store: " + e.getMessage(), e);
        }
        return store;
    }

    /** A PKCS#12 trust store holding the trust anchors, for a JDK TrustManagerFactory. */
    public KeyStore trustStore() {
        KeyStore store = emptyKeyStore();
        try {
            for (int i = 0; i < trustAnchors.size(); i++) {
                store.setCertificateEntry("ca-" + i, trustAnchors.get(i));
            }
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot put a trust anchor into a trust store: " + e.getMessage(), e);
        }
        return store;
    }

    private static KeyStore emptyKeyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("this JDK cannot create a PKCS12 key store", e);
        }
    }

    /** Names the leaf and its expiry, never the key. */
    @Override
    public String toString() {
        return "TlsMaterial[" + X509Support.describe(certificate()) + ", notAfter "
                + certificate().getNotAfter().toInstant() + ", " + trustAnchors.size() + " trust anchor(s)]";
    }
}
