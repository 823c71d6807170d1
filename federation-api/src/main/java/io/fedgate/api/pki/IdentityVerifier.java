package io.fedgate.api.pki;

import io.fedgate.api.pki.UntrustedPeerException.Reason;
import io.fedgate.api.pki.internal.X509Support;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Decides who a TLS peer is: validates its certificate chain against the trusted CA certificates at the
 * injected clock's time (PKIX, revocation off) and returns the SPIFFE id of its single URI SAN, or throws an
 * {@link UntrustedPeerException} whose message says exactly why not.
 *
 * <p>Several trust anchors may be given: during a CA rotation peers holding certificates of the old CA and
 * of the new one are both accepted. A trusted CA that has itself expired no longer vouches for anyone.
 *
 * <p>Checks, in order: a chain is present; it chains to a trusted CA (signature checked); that CA, and every
 * certificate in the chain, is within its validity at {@code clock.instant()}; PKIX path validation passes;
 * the leaf has exactly one URI SAN; it parses as a fedgate SPIFFE id; its cluster set is the expected one.
 * Instances are immutable and thread-safe.
 */
public final class IdentityVerifier {

    private final List<X509Certificate> trustAnchors;
    private final Set<TrustAnchor> pkixAnchors;
    private final String clusterSet;
    private final Clock clock;

    /**
     * @param trustAnchors the CA certificates to trust; at least one
     * @param clusterSet the cluster set (trust domain) every accepted peer must belong to
     * @param clock the time certificates are checked at
     */
    public IdentityVerifier(Collection<X509Certificate> trustAnchors, String clusterSet, Clock clock) {
        if (trustAnchors == null || trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("trustAnchors: empty, expected at least one CA certificate");
        }
        this.trustAnchors = List.copyOf(trustAnchors);
        this.pkixAnchors = this.trustAnchors.stream().map(ca -> new TrustAnchor(ca, null))
                .collect(Collectors.toUnmodifiableSet());
        this.clusterSet = SpiffeId.requireClusterSet(clusterSet);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The cluster set every accepted peer belongs to. */
    public String clusterSet() {
        return clusterSet;
    }

    /** The trusted CA certificates. */
    public List<X509Certificate> trustAnchors() {
        return trustAnchors;
    }

    /**
     * The SPIFFE id of the peer presenting {@code chain} (leaf first), cluster component or admin.
     *
     * @throws UntrustedPeerException saying why the chain is not accepted
     */
    public SpiffeId verify(X509Certificate[] chain) {
        List<X509Certificate> path = validatePath(chain);
        SpiffeId peer = spiffeId(path.get(0));
        if (!peer.clusterSet().equals(clusterSet)) {
            throw new UntrustedPeerException(Reason.WRONG_CLUSTER_SET,
                    "peer is " + peer + ", expected cluster set " + clusterSet);
        }
        return peer;
    }

    /**
     * The identity of the peer of a completed TLS handshake.
     *
     * @throws UntrustedPeerException when the peer sent no certificate or its chain is not accepted
     */
    public SpiffeId verify(SSLSession session) {
        return verify(peerChain(session));
    }

    /**
     * The identity of the peer presenting {@code chain}, which must be {@code expectedComponent} of cluster
     * {@code expectedClusterId}.
     *
     * @throws UntrustedPeerException for everything {@link #verify(X509Certificate[])} refuses, and for
     *     another cluster's identity ({@code peer is spiffe://finance/cluster/west/gateway, expected cluster
     *     east}), an admin identity, or another component of the right cluster
     */
    public ClusterIdentity verify(X509Certificate[] chain, String expectedClusterId, Component expectedComponent) {
        Objects.requireNonNull(expectedClusterId, "expectedClusterId");
        Objects.requireNonNull(expectedComponent, "expectedComponent");
        SpiffeId peer = verify(chain);
        if (!(peer instanceof ClusterIdentity)) {
            throw new UntrustedPeerException(Reason.WRONG_CLUSTER,
                    "peer is " + peer + ", expected a component of cluster " + expectedClusterId);
        }
        ClusterIdentity member = (ClusterIdentity) peer;
        if (!member.clusterId().equals(expectedClusterId)) {
            throw new UntrustedPeerException(Reason.WRONG_CLUSTER,
                    "peer is " + peer + ", expected cluster " + expectedClusterId);
        }
        if (member.component() != expectedComponent) {
            throw new UntrustedPeerException(Reason.WRONG_COMPONENT,
                    "peer is " + peer + ", expected component " + expectedComponent);
        }
        return member;
    }

    /** As {@link #verify(X509Certificate[], String, Component)} for the peer of a completed handshake. */
    public ClusterIdentity verify(SSLSession session, String expectedClusterId, Component expectedComponent) {
        return verify(peerChain(session), expectedClusterId, expectedComponent);
    }

    /**
     * The identity of the peer presenting {@code chain}, which must be an admin of the cluster set.
     *
     * @throws UntrustedPeerException for everything {@link #verify(X509Certificate[])} refuses, and for a
     *     cluster component's identity
     */
    public AdminIdentity verifyAdmin(X509Certificate[] chain) {
        SpiffeId peer = verify(chain);
        if (!(peer instanceof AdminIdentity)) {
            throw new UntrustedPeerException(Reason.NOT_ADMIN, "peer is " + peer + ", expected an admin identity ("
                    + SpiffeId.SCHEME_PREFIX + clusterSet + "/" + AdminIdentity.PATH_PREFIX + "/<name>)");
        }
        return (AdminIdentity) peer;
    }

    // ---- steps ----

    private static X509Certificate[] peerChain(SSLSession session) {
        try {
            Certificate[] certificates = session.getPeerCertificates();
            X509Certificate[] chain = new X509Certificate[certificates.length];
            for (int i = 0; i < certificates.length; i++) {
                if (!(certificates[i] instanceof X509Certificate)) {
                    throw new UntrustedPeerException(Reason.INVALID_PATH, "peer certificate " + i + " is a "
                            + certificates[i].getType() + " certificate, not X.509");
                }
                chain[i] = (X509Certificate) certificates[i];
            }
            return chain;
        } catch (SSLPeerUnverifiedException e) {
            throw new UntrustedPeerException(Reason.NO_CERTIFICATE, "peer presented no certificate", e);
        }
    }

    /** The chain without trust anchors, validated; its first element is the leaf. */
    private List<X509Certificate> validatePath(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            throw new UntrustedPeerException(Reason.NO_CERTIFICATE, "peer presented no certificate");
        }
        List<X509Certificate> path = withoutAnchors(chain);
        Instant now = clock.instant();
        X509Certificate issuingCa = issuingAnchor(path.get(path.size() - 1));
        for (int i = 0; i < path.size(); i++) {
            checkValidity(path.get(i), i == 0 ? "certificate " : "intermediate certificate ", now);
        }
        checkValidity(issuingCa, "trusted CA ", now);
        runPkix(path, now);
        return path;
    }

    /** Peers often send the CA along; PKIX wants the path without its anchor. The leaf always stays. */
    private List<X509Certificate> withoutAnchors(X509Certificate[] chain) {
        List<X509Certificate> path = new ArrayList<>(chain.length);
        path.add(Objects.requireNonNull(chain[0], "chain[0]"));
        for (int i = 1; i < chain.length; i++) {
            if (!trustAnchors.contains(chain[i])) {
                path.add(Objects.requireNonNull(chain[i], "chain[" + i + "]"));
            }
        }
        return path;
    }

    /** The trusted CA that signed {@code top}, or an UNKNOWN_CA refusal saying why none did. */
    private X509Certificate issuingAnchor(X509Certificate top) {
        List<X509Certificate> sameName = trustAnchors.stream()
                .filter(ca -> ca.getSubjectX500Principal().equals(top.getIssuerX500Principal()))
                .collect(Collectors.toList());
        if (sameName.isEmpty()) {
            Set<String> trusted = new LinkedHashSet<>();
            trustAnchors.forEach(ca -> trusted.add("\"" + ca.getSubjectX500Principal().getName() + "\""));
            throw new UntrustedPeerException(Reason.UNKNOWN_CA, "certificate " + X509Support.describe(top)
                    + " is signed by another CA: issuer \"" + top.getIssuerX500Principal().getName()
                    + "\" is not one of the trusted CAs " + trusted);
        }
        // several CAs may share a name (generations of one cluster set's CA, or an impostor): the key decides
        for (X509Certificate ca : sameName) {
            if (isSignedBy(top, ca)) {
                return ca;
            }
        }
        throw new UntrustedPeerException(Reason.UNKNOWN_CA, "certificate " + X509Support.describe(top)
                + " is signed by another CA: its signature does not verify with the key of any trusted CA named \""
                + top.getIssuerX500Principal().getName() + "\"");
    }

    private static boolean isSignedBy(X509Certificate cert, X509Certificate ca) {
        try {
            cert.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void checkValidity(X509Certificate cert, String role, Instant now) {
        try {
            cert.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new UntrustedPeerException(Reason.EXPIRED, role + X509Support.describe(cert)
                    + " expired: notAfter " + cert.getNotAfter().toInstant() + " is before now " + now, e);
        } catch (CertificateNotYetValidException e) {
            throw new UntrustedPeerException(Reason.NOT_YET_VALID, role + X509Support.describe(cert)
                    + " is not yet valid: notBefore " + cert.getNotBefore().toInstant() + " is after now " + now, e);
        }
    }

    private void runPkix(List<X509Certificate> path, Instant now) {
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(pkixAnchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
        } catch (CertPathValidatorException e) {
            String where = e.getIndex() >= 0 && e.getIndex() < path.size()
                    ? "certificate " + X509Support.describe(path.get(e.getIndex())) : "the chain";
            throw new UntrustedPeerException(Reason.INVALID_PATH, where + " fails PKIX path validation ("
                    + e.getReason() + "): " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new UntrustedPeerException(Reason.INVALID_PATH, "cannot validate the chain of "
                    + X509Support.describe(path.get(0)) + ": " + e.getMessage(), e);
        }
    }

    private static SpiffeId spiffeId(X509Certificate leaf) {
        List<String> uris;
        try {
            uris = X509Support.uriSans(leaf);
        } catch (CertificateParsingException e) {
            throw new UntrustedPeerException(Reason.MALFORMED_SPIFFE_ID, "certificate " + X509Support.describe(leaf)
                    + " has garbled subject alternative names: " + e.getMessage(), e);
        }
        if (uris.isEmpty()) {
            throw new UntrustedPeerException(Reason.NO_SPIFFE_ID, "certificate " + X509Support.describe(leaf)
                    + " has no SPIFFE URI SAN");
        }
        if (uris.size() > 1) {
            throw new UntrustedPeerException(Reason.SEVERAL_URI_SANS, "certificate " + X509Support.describe(leaf)
                    + " has " + uris.size() + " URI SANs " + uris + ", a SPIFFE certificate has exactly one");
        }
        try {
            return SpiffeId.parse(uris.get(0));
        } catch (IllegalArgumentException e) {
            throw new UntrustedPeerException(Reason.MALFORMED_SPIFFE_ID, "certificate " + X509Support.describe(leaf)
                    + ": malformed SPIFFE id: " + e.getMessage(), e);
        }
    }
}
