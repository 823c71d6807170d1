package io.fedgate.gateway.internal.tunnel;

import io.fedgate.api.pki.ClusterIdentity;
import io.fedgate.api.pki.UntrustedPeerException;
import javax.net.ssl.SSLSession;

/** Decides whether the peer of a completed TLS handshake may hold a tunnel with this gateway. */
@FunctionalInterface
public interface PeerAdmission {
    /**
     * The identity of the admitted peer.
     *
     * @throws UntrustedPeerException saying why the peer is refused
     */
    ClusterIdentity admit(SSLSession session);
}
