package io.fedgate.cli.wiring;

import io.fedgate.agent.HubClientLink;
import io.fedgate.api.pki.ClusterIdentity;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.PemFiles;
import io.fedgate.api.pki.PkiException;
import io.fedgate.api.pki.RotationPolicy;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.gateway.HubPlanSource;
import io.fedgate.hubclient.HubClient;
import io.fedgate.hubclient.HubTls;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an agent or gateway gets its hub client: with the certificate already in its cert dir, or, on first
 * start, by joining with a single-use token and the hub's CA certificate (the key, certificate and CA are then
 * saved to the cert dir, so the token is never needed again).
 */
public final class HubIdentity {
    /** Largest join token file read. */
    public static final int DEFAULT_MAX_TOKEN_BYTES = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(HubIdentity.class);

    private HubIdentity() {
    }

    /**
     * A client presenting {@code component}'s certificate of {@code clusterId}.
     *
     * @param tokenFile the join token, used only when {@code certDir} holds no certificate yet (may be null then)
     * @param hubCaFile the hub's CA certificate (PEM), with {@code tokenFile}
     * @throws WiringException when the cert dir is empty and no token was given, or holds another identity
     */
    public static HubClient connect(List<URI> hubs, String clusterId, Component component, Path tokenFile,
                                    Path hubCaFile, Path certDir) {
        if (Files.isRegularFile(certDir.resolve(TlsMaterial.CERT_FILE))) {
            TlsMaterial material = TlsMaterial.load(certDir);
            if (!(material.identity() instanceof ClusterIdentity id) || !id.clusterId().equals(clusterId)
                    || id.component() != component) {
                throw new WiringException(certDir + ": holds the certificate of " + material.identity()
                        + ", not of " + component.id() + " of cluster " + clusterId);
            }
            LOG.info("cluster {}: {} uses its certificate from {}", clusterId, component.id(), certDir);
            return HubClient.builder().hubs(hubs).identity(material).build();
        }
        if (tokenFile == null || hubCaFile == null) {
            throw new WiringException(certDir + " holds no certificate (" + TlsMaterial.CERT_FILE + ") yet: give "
                    + "--token-file and --hub-ca-file to join the cluster set");
        }
        String token = readToken(tokenFile);
        List<X509Certificate> anchors = PemFiles.readCertificates(hubCaFile);
        if (anchors.isEmpty()) {
            throw new WiringException("--hub-ca-file " + hubCaFile + ": holds no certificate");
        }
        try (HubClient bootstrap = HubClient.builder().hubs(hubs).trustAnchors(anchors).build()) {
            ClusterIdentity expected = new ClusterIdentity(HubTls.clusterSetOf(anchors.get(0)), clusterId, component);
            TlsMaterial material = bootstrap.join(token, expected, certDir);
            LOG.info("cluster {}: {} joined cluster set {} and saved its certificate to {}", clusterId,
                    component.id(), expected.clusterSet(), certDir);
            return bootstrap.withIdentity(material);
        }
    }

    /**
     * The agent's link to the hub: {@link #connect} for the agent component, renewing its certificate in
     * {@code certDir} when {@code policy} says it is due.
     */
    public static HubClientLink agentLink(List<URI> hubs, String clusterId, Path tokenFile, Path hubCaFile,
                                          Path certDir, RotationPolicy policy) {
        HubClient client = connect(hubs, clusterId, Component.AGENT, tokenFile, hubCaFile, certDir);
        return HubClientLink.renewing(client, TlsMaterial.load(certDir), certDir, policy, Clock.systemUTC(),
                clusterId);
    }

    /**
     * The gateway's plan source on the hub: {@link #connect} for the gateway component, renewing its certificate
     * in {@code certDir} when {@code policy} says it is due (new tunnels present the renewed one).
     */
    public static HubPlanSource gatewayPlanSource(List<URI> hubs, String clusterId, Path tokenFile, Path hubCaFile,
                                                  Path certDir, RotationPolicy policy) {
        HubClient client = connect(hubs, clusterId, Component.GATEWAY, tokenFile, hubCaFile, certDir);
        return HubPlanSource.renewing(client, TlsMaterial.load(certDir), certDir, policy, Clock.systemUTC(),
                clusterId);
    }

    private static String readToken(Path tokenFile) {
        try {
            if (Files.size(tokenFile) > DEFAULT_MAX_TOKEN_BYTES) {
                throw new WiringException("--token-file " + tokenFile + ": larger than " + DEFAULT_MAX_TOKEN_BYTES
                        + " bytes; not a join token");
            }
            String token = Files.readString(tokenFile).strip();
            if (token.isEmpty()) {
                throw new WiringException("--token-file " + tokenFile + ": empty");
            }
            return token;
        } catch (java.io.IOException e) {
            throw new WiringException("--token-file " + tokenFile + ": cannot be read: " + e.getMessage(), e);
        } catch (PkiException e) {
            throw new WiringException("--token-file " + tokenFile + ": " + e.getMessage(), e);
        }
    }
}
