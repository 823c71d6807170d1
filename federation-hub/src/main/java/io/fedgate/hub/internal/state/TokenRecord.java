package io.fedgate.hub.internal.state;

import java.io.Serializable;

/**
 * A join token as the hub stores it, keyed by the SHA-256 of the secret (the secret itself is never stored).
 *
 * @param component       {@code agent} or {@code gateway}
 * @param createdBy       the admin who created it
 * @param usedAtMillis    when it was redeemed, 0 while unused
 * @param usedBy          what it was redeemed for (the identity issued), null while unused
 */
public record TokenRecord(String clusterId, String component, long createdAtMillis, long expiresAtMillis,
                          String createdBy, long usedAtMillis, String usedBy) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** True once redeemed. */
    public boolean used() {
        return usedAtMillis != 0;
    }

    /** This token marked redeemed at {@code atMillis} for {@code identity}. */
    public TokenRecord redeemed(long atMillis, String identity) {
        return new TokenRecord(clusterId, component, createdAtMillis, expiresAtMillis, createdBy, atMillis, identity);
    }
}
