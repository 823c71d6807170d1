package io.fedgate.api.pki;

import io.fedgate.api.pki.internal.DnsNames;
import io.fedgate.api.pki.internal.X509Support;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster set's certificate authority: an EC P-256 self-signed CA certificate whose URI SAN is the trust
 * domain ({@code spiffe://<clusterset>}), and its key.
 *
 * <p>Issued certificates carry exactly one URI SAN, the SPIFFE id the caller decided, plus optional DNS and
 * IP SANs so TLS hostname verification works where a client uses it; EKU serverAuth and clientAuth; key usage
 * digitalSignature; a random positive 128-bit serial. Their notBefore is {@link #NOT_BEFORE_BACKDATE} in the
 * past so a peer whose clock lags accepts a fresh certificate at once, and their notAfter never passes the
 * CA's own.
 *
 * <p>On disk a CA is a directory with {@value #CERT_FILE} and {@value #KEY_FILE} (0600; the directory 0700
 * when created). Instances are immutable and thread-safe; time comes from the injected clock.
 */
public final class CertificateAuthority {

    /** The CA certificate file in a CA directory. */
    public static final String CERT_FILE = "ca.crt";
    /** The CA private key file in a CA directory. */
    public static final String KEY_FILE = "ca.key";
    /** How far in the past issued certificates start, to tolerate clock skew between peers. */
    public static final Duration NOT_BEFORE_BACKDATE = Duration.ofMinutes(5);
    /** Largest CSR accepted by {@link #sign}: CSRs arrive from the network with a join request. */
    public static final int DEFAULT_MAX_CSR_PEM_CHARS = 16 * 1024;
    /** Weakest keys a CSR may carry. */
    private static final int MIN_EC_BITS = 256;
    private static final int MIN_RSA_BITS = 2048;
    private static final String ORGANIZATION = "fedgate";

    private static final Logger LOG = LoggerFactory.getLogger(CertificateAuthority.class);

    private final String clusterSet;
    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final Clock clock;

    private CertificateAuthority(String clusterSet, X509Certificate certificate, PrivateKey privateKey, Clock clock) {
        this.clusterSet = clusterSet;
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.clock = clock;
    }

    // ---- creating, saving, loading ----

    /**
     * A new CA for {@code clusterSet}, valid from now (minus {@link #NOT_BEFORE_BACKDATE}) for {@code validity}.
     *
     * @throws IllegalArgumentException when the cluster set is not a DNS-1123 subdomain or validity not positive
     */
    public static CertificateAuthority create(String clusterSet, Duration validity, Clock clock) {
        SpiffeId.requireClusterSet(clusterSet);
        requirePositive(validity, "validity");
        Objects.requireNonNull(clock, "clock");
        KeyPair keys = X509Support.generateEcKeyPair();
        Instant now = clock.instant();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.OU, clusterSet)
                // the creation time tells CA generations apart during a rotation
                .addRDN(BCStyle.CN, "fedgate CA " + clusterSet + " " + now.truncatedTo(ChronoUnit.SECONDS))
                .build();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, X509Support.randomSerial(),
                Date.from(now.minus(NOT_BEFORE_BACKDATE)), Date.from(now.plus(validity)), subject, keys.getPublic());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, SpiffeId.trustDomainId(clusterSet))));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(X509Support.signer(keys.getPrivate())));
            LOG.debug("created CA {} for cluster set {}, notAfter {}", X509Support.describe(certificate), clusterSet,
                    certificate.getNotAfter().toInstant());
            return new CertificateAuthority(clusterSet, certificate, keys.getPrivate(), clock);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot build a CA certificate for cluster set " + clusterSet, e);
        }
    }

    /**
     * Loads the CA saved in {@code dir}.
     *
     * @throws PkiException naming the directory or file that is missing or garbled, or saying why the
     *     certificate is not a fedgate CA or the key is not its key
     */
    public static CertificateAuthority load(Path dir, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        if (!Files.isDirectory(dir)) {
            throw new PkiException(dir + ": no such CA directory");
        }
        Path certFile = dir.resolve(CERT_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        List<X509Certificate> certificates = PemFiles.readCertificates(certFile);
        if (certificates.size() != 1) {
            throw new PkiException(certFile + ": " + certificates.size()
                    + " certificates, expected exactly the CA's one");
        }
        X509Certificate certificate = certificates.get(0);
        PrivateKey privateKey = PemFiles.readPrivateKey(keyFile);
        if (certificate.getBasicConstraints() < 0) {
            throw new PkiException(certFile + ": " + X509Support.describe(certificate)
                    + " is not a CA certificate (basic constraints cA=false)");
        }
        String clusterSet = trustDomainOf(certificate, certFile);
        if (!X509Support.keysMatch(privateKey, certificate.getPublicKey())) {
            throw new PkiException(keyFile + ": does not match the public key in " + certFile);
        }
        return new CertificateAuthority(clusterSet, certificate, privateKey, clock);
    }

    /** The cluster set named by the CA certificate's {@code spiffe://<clusterset>} URI SAN. */
    private static String trustDomainOf(X509Certificate certificate, Path certFile) {
        List<String> uris;
        try {
            uris = X509Support.uriSans(certificate);
        } catch (CertificateParsingException e) {
            throw new PkiException(certFile + ": garbled subject alternative names: " + e.getMessage(), e);
        }
        String prefix = SpiffeId.SCHEME_PREFIX;
        if (uris.size() != 1 || !uris.get(0).startsWith(prefix)
                || !DnsNames.isSubdomain(uris.get(0).substring(prefix.length()))) {
            throw new PkiException(certFile + ": URI SANs " + uris + " are not one " + prefix
                    + "<cluster set> trust domain; not a fedgate CA");
        }
        return uris.get(0).substring(prefix.length());
    }

    /** True when {@code dir} already holds a CA certificate or key. */
    public static boolean existsIn(Path dir) {
        return Files.exists(dir.resolve(CERT_FILE)) || Files.exists(dir.resolve(KEY_FILE));
    }

    /**
     * Saves the CA to {@code dir} (created 0700 when new): {@value #KEY_FILE} 0600 from creation, then
     * {@value #CERT_FILE}.
     *
     * @throws PkiException when {@code dir} already holds a CA (see {@link #saveReplacing}) or cannot be written
     */
    public void save(Path dir) {
        if (existsIn(dir)) {
            throw new PkiException(dir + ": already holds a CA (" + CERT_FILE + " or " + KEY_FILE
                    + "); refusing to overwrite it");
        }
        saveReplacing(dir);
    }

    /** Saves the CA to {@code dir} like {@link #save}, replacing a CA already there. */
    public void saveReplacing(Path dir) {
        PemFiles.ensurePrivateDirectory(dir);
        PemFiles.writePrivateKey(dir.resolve(KEY_FILE), privateKey);
        PemFiles.writeCertificates(dir.resolve(CERT_FILE), List.of(certificate));
    }

    // ---- facts ----

    /** The cluster set this CA vouches for. */
    public String clusterSet() {
        return clusterSet;
    }

    /** The CA certificate: the trust anchor to hand to every member. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA certificate as PEM. */
    public String certificatePem() {
        return PemFiles.toPem(certificate);
    }

    /** SHA-256 fingerprint of the CA certificate, colon-separated uppercase hex (as openssl prints it). */
    public String fingerprintSha256() {
        return X509Support.sha256Fingerprint(certificate);
    }

    /** A verifier that trusts this CA only, for its cluster set, at the CA's clock. */
    public IdentityVerifier identityVerifier() {
        return new IdentityVerifier(List.of(certificate), clusterSet, clock);
    }

    // ---- issuing ----

    /**
     * Generates a key pair and a certificate for {@code identity}.
     *
     * @param validity how long from now the certificate is valid (cut at the CA's own notAfter)
     * @param dnsNames extra DNS SANs, e.g. {@code localhost}; DNS-1123 subdomains
     * @param ipAddresses extra IP SANs, e.g. {@code 127.0.0.1}
     * @return key, chain {@code [leaf]} and trust anchors {@code [this CA]}
     * @throws IllegalArgumentException for an identity of another cluster set, a bad DNS name or validity
     * @throws PkiException when the CA has expired
     */
    public TlsMaterial issue(SpiffeId identity, Duration validity, List<String> dnsNames,
                             List<InetAddress> ipAddresses) {
        KeyPair keys = X509Support.generateEcKeyPair();
        X509Certificate leaf = buildLeaf(keys.getPublic(), identity, validity, dnsNames, ipAddresses);
        return new TlsMaterial(keys.getPrivate(), List.of(leaf), List.of(certificate));
    }

    /**
     * Signs a PKCS#10 CSR with {@code identity}, which the CA decided (the hub decides it from the join token).
     * Whatever names or extensions the CSR asks for are ignored; only its public key is used, once its
     * self-signature proves the requester holds the private key.
     *
     * @throws PkiException naming {@code csr} when the PEM is garbled or too long, the signature does not
     *     verify, or the key is weaker than EC P-256 / RSA 2048
     */
    public X509Certificate sign(String csrPem, SpiffeId identity, Duration validity) {
        return sign(csrPem, identity, validity, List.of(), List.of());
    }

    /** As {@link #sign(String, SpiffeId, Duration)}, adding the DNS and IP SANs the CA decided. */
    public X509Certificate sign(String csrPem, SpiffeId identity, Duration validity, List<String> dnsNames,
                                List<InetAddress> ipAddresses) {
        PublicKey requesterKey = verifiedPublicKey(csrPem);
        return buildLeaf(requesterKey, identity, validity, dnsNames, ipAddresses);
    }

    private static PublicKey verifiedPublicKey(String csrPem) {
        if (csrPem != null && csrPem.length() > DEFAULT_MAX_CSR_PEM_CHARS) {
            throw new PkiException("csr: " + csrPem.length() + " characters, more than DEFAULT_MAX_CSR_PEM_CHARS ("
                    + DEFAULT_MAX_CSR_PEM_CHARS + ")");
        }
        List<Object> blocks = PemFiles.parseBlocks(csrPem, "csr");
        if (blocks.size() != 1 || !(blocks.get(0) instanceof PKCS10CertificationRequest)) {
            throw new PkiException("csr: expected exactly one CERTIFICATE REQUEST block, found " + blocks.size()
                    + " PEM block(s) starting with a " + blocks.get(0).getClass().getSimpleName());
        }
        PKCS10CertificationRequest csr = (PKCS10CertificationRequest) blocks.get(0);
        try {
            // BouncyCastle's JCA helpers look key factories up by OID, which the JDK's providers lack
            PublicKey key = new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo());
            requireStrongKey(key);
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw new PkiException("csr: self-signature does not verify; the requester does not prove it holds"
                        + " the key");
            }
            return key;
        } catch (OperatorCreationException | PKCSException | IOException e) {
            throw new PkiException("csr: cannot check the request's key or signature: " + e.getMessage(), e);
        }
    }

    private static void requireStrongKey(PublicKey key) {
        if (key instanceof ECPublicKey) {
            int bits = ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
            if (bits < MIN_EC_BITS) {
                throw new PkiException("csr: EC key of " + bits + " bits, at least " + MIN_EC_BITS + " required");
            }
        } else if (key instanceof RSAPublicKey) {
            int bits = ((RSAPublicKey) key).getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new PkiException("csr: RSA key of " + bits + " bits, at least " + MIN_RSA_BITS + " required");
            }
        } else {
            throw new PkiException("csr: " + key.getAlgorithm() + " key; fedgate signs EC and RSA keys only");
        }
    }

    private X509Certificate buildLeaf(PublicKey subjectKey, SpiffeId identity, Duration validity,
                                      List<String> dnsNames, List<InetAddress> ipAddresses) {
        Objects.requireNonNull(identity, "identity");
        if (!identity.clusterSet().equals(clusterSet)) {
            throw new IllegalArgumentException("identity " + identity + " is not in cluster set " + clusterSet
                    + " of this CA");
        }
        requirePositive(validity, "validity");
        GeneralNames sans = subjectAlternativeNames(identity, dnsNames, ipAddresses);
        Instant now = clock.instant();
        Instant caNotAfter = certificate.getNotAfter().toInstant();
        if (!now.isBefore(caNotAfter)) {
            throw new PkiException("CA " + X509Support.describe(certificate) + " expired at " + caNotAfter
                    + "; it cannot issue certificates any more");
        }
        Instant notAfter = now.plus(validity).isAfter(caNotAfter) ? caNotAfter : now.plus(validity);
        BigInteger serial = X509Support.randomSerial();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial,
                Date.from(now.minus(NOT_BEFORE_BACKDATE)), Date.from(notAfter), subjectOf(identity), subjectKey);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, sans);
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(certificate));
            X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(builder.build(X509Support.signer(privateKey)));
            LOG.debug("issued certificate for {} (serial {}, notAfter {})", identity, serial.toString(16), notAfter);
            return leaf;
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a certificate for " + identity, e);
        }
    }

    private static GeneralNames subjectAlternativeNames(SpiffeId identity, List<String> dnsNames,
                                                        List<InetAddress> ipAddresses) {
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.uniformResourceIdentifier, identity.toString()));
        List<String> dns = dnsNames == null ? List.of() : dnsNames;
        for (int i = 0; i < dns.size(); i++) {
            if (!DnsNames.isSubdomain(dns.get(i))) {
                throw new IllegalArgumentException("dnsNames[" + i + "]: \"" + dns.get(i)
                        + "\" is not a DNS-1123 subdomain");
            }
            names.add(new GeneralName(GeneralName.dNSName, dns.get(i)));
        }
        for (InetAddress address : ipAddresses == null ? List.<InetAddress>of() : ipAddresses) {
            names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(address.getAddress())));
        }
        return new GeneralNames(names.toArray(new GeneralName[0]));
    }

    /**
     * The informational subject of {@code identity}'s certificates: O=cluster set, OU=cluster id (or
     * {@code admin}), CN=component (or the admin's name). Identity is decided by the URI SAN alone.
     */
    static X500Name subjectOf(SpiffeId identity) {
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, identity.clusterSet());
        if (identity instanceof ClusterIdentity) {
            ClusterIdentity member = (ClusterIdentity) identity;
            subject.addRDN(BCStyle.OU, member.clusterId()).addRDN(BCStyle.CN, member.component().id());
        } else {
            subject.addRDN(BCStyle.OU, AdminIdentity.PATH_PREFIX).addRDN(BCStyle.CN, ((AdminIdentity) identity).name());
        }
        return subject.build();
    }

    private static void requirePositive(Duration validity, String field) {
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException(field + " (" + validity + ") must be positive");
        }
    }

    @Override
    public String toString() {
        return "CertificateAuthority[" + clusterSet + ", " + X509Support.describe(certificate) + ", notAfter "
                + certificate.getNotAfter().toInstant() + "]";
    }
}
