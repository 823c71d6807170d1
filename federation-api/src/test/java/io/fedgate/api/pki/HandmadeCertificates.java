package io.fedgate.api.pki;

import io.fedgate.api.pki.internal.X509Support;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * Certificates fedgate's CA would never issue (no URI SAN, two of them, a foreign URI, a leaf outliving
 * its CA), signed with a real CA's key read from its saved directory, to test what verifiers refuse.
 */
final class HandmadeCertificates {
    private HandmadeCertificates() {
    }

    /** A leaf for {@code subjectKey}, signed by the CA saved in {@code caDir}, with {@code uris} as URI SANs. */
    static X509Certificate leaf(Path caDir, PublicKey subjectKey, Instant notBefore, Instant notAfter,
                                List<String> uris) throws Exception {
        X509Certificate caCert = PemFiles.readCertificates(caDir.resolve(CertificateAuthority.CERT_FILE)).get(0);
        PrivateKey caKey = PemFiles.readPrivateKey(caDir.resolve(CertificateAuthority.KEY_FILE));
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCert, X509Support.randomSerial(),
                Date.from(notBefore), Date.from(notAfter), new X500Name("CN=handmade"), subjectKey);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        if (!uris.isEmpty()) {
            GeneralName[] names = uris.stream()
                    .map(uri -> new GeneralName(GeneralName.uniformResourceIdentifier, uri))
                    .toArray(GeneralName[]::new);
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(X509Support.signer(caKey)));
    }
}
