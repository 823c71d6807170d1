package io.fedgate.hub.internal.ca;

import io.fedgate.api.net.IpAddresses;
import io.fedgate.api.pki.AdminIdentity;
import io.fedgate.api.pki.CertificateAuthority;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.PemFiles;
import io.fedgate.api.pki.PkiException;
import io.fedgate.api.pki.RotationPolicy;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.hub.HubConfig;
import io.fedgate.hub.internal.state.CaRecord;
import io.fedgate.hub.internal.sealing.SealedMap;
import io.fedgate.hub.internal.state.HubState;
import io.fedgate.hubclient.protocol.HubApi;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster set's CA as every hub member holds it, and what the members issue from it.
 *
 * <p><b>Which CA.</b> In order: the operator's ({@code ca.certFile}/{@code keyFile}); the one this member
 * kept in {@code dataDir/ca}; the one the Hazelcast cluster already holds; a new one. The cluster's copy
 * is claimed with {@code putIfAbsent}, so when members start together exactly one CA wins and every member
 * adopts it (a member whose disk held another one says so, naming both fingerprints, and keeps the
 * cluster's). Each member then saves the CA to {@code dataDir/ca} ({@code ca.key} 0600).
 *
 * <p><b>Issued here.</b> The member's own server certificate ({@code spiffe://<set>/cluster/hub/hub}, SANs:
 * the advertised addresses plus {@code localhost}, {@code 127.0.0.1}, {@code ::1}); the admin credential in
 * {@code dataDir/admin} that {@code fedgate ctl} uses ({@code spiffe://<set>/admin/hub-admin}, reissued
 * when missing, from another CA, or due for renewal); and certificates for joining or renewing components.
 *
 * <p>The CA key travels between members inside Hazelcast, which in the open-source edition has no TLS; the record
 * is sealed ({@code StateSealer}), so only members with the sealing keys read it. A record that does not open
 * stops the member's start.
 */
public final class HubCa {
    /** Name of the admin identity written to {@code dataDir/admin}. */
    public static final String ADMIN_NAME = "hub-admin";
    /** Validity of the admin credential. */
    public static final Duration ADMIN_VALIDITY = Duration.ofDays(365);
    /** Validity of a CA the hub generates. */
    public static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /**
     * Shortest validity of a member's server certificate. The member checks it every
     * {@code FederationHub.CERTIFICATE_CHECK_INTERVAL} and renews with an hour left (RotationPolicy.DEFAULT), so a
     * shorter one (short-lived agent and gateway certificates, {@code certificates.validity}) would expire between
     * checks and lock every client out.
     */
    public static final Duration MIN_SERVER_VALIDITY = Duration.ofHours(2);

    private static final Logger LOG = LoggerFactory.getLogger(HubCa.class);

    private final HubConfig config;
    private final SealedMap<String, CaRecord> shared;
    private final Clock clock;
    private final Path caDir;
    private volatile CertificateAuthority ca;

    /** The CA of {@code config}'s cluster set, shared through {@code state}. */
    public HubCa(HubConfig config, HubState state, Clock clock) {
        this.config = config;
        this.shared = state.ca();
        this.clock = clock;
        this.caDir = config.dataDir().resolve("ca");
    }

    /**
     * Settles the CA as described above and saves it to {@code dataDir/ca}.
     *
     * @throws PkiException when the operator's files or this member's copy are unusable
     */
    public CertificateAuthority establish() {
        CertificateAuthority local = localCa();
        boolean created = false;
        CaRecord clusters = opened(shared.getHeld(HubState.CA_KEY));
        if (local == null && clusters == null) {
            CertificateAuthority fresh = CertificateAuthority.create(config.clusterSet(), CA_VALIDITY, clock);
            LOG.info("created a new CA for cluster set {}: sha256 {}", config.clusterSet(), fresh.fingerprintSha256());
            fresh.saveReplacing(caDir);
            local = fresh;
            created = true;
        }
        if (local != null) {
            // every local CA is in caDir by now; CertificateAuthority does not hand out its key otherwise
            CaRecord ours = new CaRecord(local.certificatePem(),
                    PemFiles.toPem(PemFiles.readPrivateKey(caDir.resolve(CertificateAuthority.KEY_FILE))));
            SealedMap.Held<CaRecord> winner = shared.putIfAbsent(HubState.CA_KEY, ours);
            clusters = winner == null ? ours : opened(winner);
        }
        CertificateAuthority adopted = adopt(clusters);
        if (local != null && !adopted.certificatePem().equals(local.certificatePem()) && created) {
            LOG.info("another member created the CA first (sha256 {}); using it", adopted.fingerprintSha256());
        } else if (local != null && !adopted.certificatePem().equals(local.certificatePem())) {
            LOG.warn("this member held CA sha256 {} but the hub cluster holds sha256 {}; keeping the cluster's",
                    local.fingerprintSha256(), adopted.fingerprintSha256());
        }
        if (!adopted.clusterSet().equals(config.clusterSet())) {
            throw new PkiException("the CA is for cluster set \"" + adopted.clusterSet() + "\" but clusterSet is \""
                    + config.clusterSet() + "\"");
        }
        this.ca = adopted;
        return adopted;
    }

    /** The CA. */
    public CertificateAuthority ca() {
        return ca;
    }

    /** A server certificate for this member: the hub's identity, with the advertised addresses as SANs. */
    public TlsMaterial issueServerMaterial() {
        List<String> dns = new ArrayList<>(List.of("localhost"));
        List<InetAddress> ips = new ArrayList<>(List.of(literal("127.0.0.1"), literal("::1")));
        for (String address : config.api().advertisedAddresses()) {
            if (IpAddresses.isLiteral(address)) {
                ips.add(literal(address));
            } else if (!dns.contains(address)) {
                dns.add(address);
            }
        }
        Duration validity = config.certificateValidity().compareTo(MIN_SERVER_VALIDITY) < 0 ? MIN_SERVER_VALIDITY
                : config.certificateValidity();
        return ca.issue(hubIdentity(), validity, dns, ips);
    }

    /** The hub's SPIFFE id, {@code spiffe://<set>/cluster/hub/hub}. */
    public SpiffeId hubIdentity() {
        return SpiffeId.cluster(config.clusterSet(), HubApi.HUB_CLUSTER_ID, Component.HUB);
    }

    /**
     * Makes sure {@code dataDir/admin} holds a usable admin credential for {@code fedgate ctl}.
     *
     * @return the directory
     */
    public Path ensureAdminCredential() {
        Path dir = config.dataDir().resolve("admin");
        if (Files.exists(dir.resolve(TlsMaterial.KEY_FILE))) {
            try {
                TlsMaterial existing = TlsMaterial.load(dir);
                X509Certificate leaf = existing.certificate();
                boolean sameCa = existing.trustAnchors().contains(ca.certificate());
                boolean fresh = !RotationPolicy.DEFAULT.needsRenewal(leaf, clock);
                if (sameCa && fresh && existing.identity() instanceof AdminIdentity) {
                    return dir;
                }
            } catch (PkiException e) {
                LOG.warn("admin credential in {} is unusable ({}); issuing a new one", dir, e.getMessage());
            }
        }
        ca.issue(SpiffeId.admin(config.clusterSet(), ADMIN_NAME), ADMIN_VALIDITY, List.of(), List.of()).save(dir);
        LOG.info("wrote admin credential {} to {} (use: fedgate ctl --cert-dir {})",
                SpiffeId.admin(config.clusterSet(), ADMIN_NAME), dir, dir);
        return dir;
    }

    /**
     * The cluster's CA record; a record that does not open stops this member: either its sealing keys are not
     * the other members' (it must not take part), or someone without them wrote the record.
     */
    private static CaRecord opened(SealedMap.Held<CaRecord> held) {
        if (held != null && held.refused()) {
            throw new PkiException("the cluster's CA record (" + HubState.CA + ") does not open with this member's "
                    + "sealing keys: is sealing.keyFile the same on every member? (see the log for why it was refused)");
        }
        return held == null ? null : held.value();
    }

    private CertificateAuthority localCa() {
        if (config.ca() != null) {
            // the operator's files may use any names (a Secret's tls.crt/tls.key); keep a copy in the CA layout
            copyCa(PemFiles.read(config.ca().certFile()), PemFiles.read(config.ca().keyFile()));
            return CertificateAuthority.load(caDir, clock);
        }
        if (CertificateAuthority.existsIn(caDir)) {
            return CertificateAuthority.load(caDir, clock);
        }
        return null;
    }

    private CertificateAuthority adopt(CaRecord record) {
        copyCa(record.certificatePem(), record.keyPem());
        return CertificateAuthority.load(caDir, clock);
    }

    private void copyCa(String certificatePem, String keyPem) {
        PemFiles.ensurePrivateDirectory(caDir);
        PemFiles.writePrivateKey(caDir.resolve(CertificateAuthority.KEY_FILE),
                PemFiles.parsePrivateKey(keyPem, "CA key"));
        PemFiles.writeCertificates(caDir.resolve(CertificateAuthority.CERT_FILE),
                PemFiles.parseCertificates(certificatePem, "CA certificate"));
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + address + "\" is not an IP literal", e);
        }
    }
}
