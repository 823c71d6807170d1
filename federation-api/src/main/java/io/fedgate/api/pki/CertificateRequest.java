package io.fedgate.api.pki;

import io.fedgate.api.pki.internal.X509Support;
import java.io.IOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The joining side of certificate issuance: an agent or gateway generates a key pair and a PKCS#10 CSR, sends
 * {@link #csrPem()} with its join token, and {@link #complete completes} the request with the certificate and
 * CA certificate the hub returns. The private key never leaves the process.
 *
 * <p>The identity written into the CSR is only a request (useful in the hub's audit log): the CA puts the
 * identity it decided from the join token, whatever the CSR says.
 *
 * @param keyPair a fresh EC P-256 key pair
 * @param csrPem the CSR as a PEM {@code CERTIFICATE REQUEST} block, signed with {@code keyPair}
 */
public record CertificateRequest(KeyPair keyPair, String csrPem) {

    /** @throws NullPointerException when a part is missing */
    public CertificateRequest {
        Objects.requireNonNull(keyPair, "keyPair");
        Objects.requireNonNull(csrPem, "csrPem");
    }

    /** A new key pair and a CSR asking for {@code requested}. */
    public static CertificateRequest generate(SpiffeId requested) {
        Objects.requireNonNull(requested, "requested");
        KeyPair keys = X509Support.generateEcKeyPair();
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, requested.toString())));
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
                    CertificateAuthority.subjectOf(requested), keys.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(X509Support.signer(keys.getPrivate()));
            return new CertificateRequest(keys, PemFiles.pemBlock("CERTIFICATE REQUEST", csr.getEncoded()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a CSR for " + requested, e);
        }
    }

    /**
     * This request's key with the certificate chain the CA returned (leaf first) and the trust anchors.
     *
     * @throws PkiException when the leaf is not for this request's key
     */
    public TlsMaterial complete(List<X509Certificate> certificateChain, List<X509Certificate> trustAnchors) {
        return new TlsMaterial(keyPair.getPrivate(), certificateChain, trustAnchors);
    }

    /** As {@link #complete(List, List)} from the PEM texts the hub returns. */
    public TlsMaterial complete(String certificateChainPem, String trustAnchorsPem) {
        return complete(PemFiles.parseCertificates(certificateChainPem, "certificateChainPem"),
                PemFiles.parseCertificates(trustAnchorsPem, "trustAnchorsPem"));
    }

    /** Shows the CSR, never the key. */
    @Override
    public String toString() {
        return "CertificateRequest[" + csrPem.strip() + "]";
    }
}
