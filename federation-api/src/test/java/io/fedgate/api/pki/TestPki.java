package io.fedgate.api.pki;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A throwaway CA for tests of any module (published in federation-api's test-jar): issues TLS material for
 * cluster components and admins with {@code localhost}, {@code 127.0.0.1} and {@code ::1} SANs so both
 * SPIFFE verification and hostname verification work on loopback.
 *
 * <pre>{@code
 * TestPki pki = TestPki.create();
 * TlsMaterial hub = pki.issue("east", Component.HUB);
 * hub.save(tempDir.resolve("hub"));            // a --cert DIR
 * IdentityVerifier verifier = pki.verifier();   // trusts this CA, cluster set "test-set"
 * }</pre>
 */
public final class TestPki {

    /** The cluster set of {@link #create()}. */
    public static final String CLUSTER_SET = "test-set";
    /** Validity of certificates issued by {@link #issue} and {@link #issueAdmin}. */
    public static final Duration LEAF_VALIDITY = Duration.ofDays(1);
    private static final Duration CA_VALIDITY = Duration.ofDays(30);

    private final CertificateAuthority ca;

    private TestPki(CertificateAuthority ca) {
        this.ca = ca;
    }

    /** A CA for {@link #CLUSTER_SET} on the system clock: its material works with JDK, Netty and Vert.x TLS. */
    public static TestPki create() {
        return create(CLUSTER_SET, Clock.systemUTC());
    }

    /** A CA for {@code clusterSet} whose notion of "now" is {@code clock}. */
    public static TestPki create(String clusterSet, Clock clock) {
        return new TestPki(CertificateAuthority.create(clusterSet, CA_VALIDITY, clock));
    }

    /** The CA itself. */
    public CertificateAuthority ca() {
        return ca;
    }

    /** Key and certificate for {@code component} of cluster {@code clusterId}, with loopback SANs. */
    public TlsMaterial issue(String clusterId, Component component) {
        return ca.issue(SpiffeId.cluster(ca.clusterSet(), clusterId, component), LEAF_VALIDITY, List.of("localhost"),
                loopbackAddresses());
    }

    /** Key and certificate for the admin {@code name}. */
    public TlsMaterial issueAdmin(String name) {
        return ca.issue(SpiffeId.admin(ca.clusterSet(), name), LEAF_VALIDITY, List.of(), List.of());
    }

    /** Issues material for {@code component} of {@code clusterId} and saves it as a {@code --cert DIR}. */
    public Path issueTo(Path dir, String clusterId, Component component) {
        issue(clusterId, component).save(dir);
        return dir;
    }

    /** A verifier trusting this CA for its cluster set. */
    public IdentityVerifier verifier() {
        return ca.identityVerifier();
    }

    private static List<InetAddress> loopbackAddresses() {
        try {
            // literals: no DNS lookup happens
            return List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("loopback literals always parse", e);
        }
    }
}
