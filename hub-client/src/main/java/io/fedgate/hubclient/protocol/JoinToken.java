package io.fedgate.hubclient.protocol;

import java.time.Instant;

/**
 * A join token as created: usable once, before {@code expiresAt}, by {@code component} of {@code clusterId}.
 *
 * @param token the secret to hand to the joining component; the hub stores only its SHA-256
 */
public record JoinToken(String token, String clusterId, String component, Instant expiresAt) {
    /** Names the cluster and expiry, never the secret. */
    @Override
    public String toString() {
        return "JoinToken[" + component + " of " + clusterId + ", expires " + expiresAt + "]";
    }
}
