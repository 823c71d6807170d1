package io.fedgate.hub.internal.access;

import io.fedgate.api.pki.ClusterIdentity;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.hub.internal.state.TokenRecord;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The rules of join tokens, as pure functions:
 * <ul>
 *   <li>a token is {@value #PREFIX} plus 32 random bytes (base64url); the hub stores only an HMAC of it
 *       ({@code StateSealer.tokenKeys}), so a copy of the hub's state or disk does not reveal usable tokens;</li>
 *   <li>it is bound to one cluster id and one component (agent or gateway, never the hub), which become
 *       the identity issued: nothing the joining party sends changes that;</li>
 *   <li>it is valid until its expiry (exclusive), and only once.</li>
 * </ul>
 */
public final class JoinTokenRules {
    /** Every token starts with this, so a token pasted in the wrong place is recognisable. */
    public static final String PREFIX = "fgt_";
    private static final int SECRET_BYTES = 32;

    private JoinTokenRules() {
    }

    /** A fresh token secret. */
    public static String newToken(SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The record of a token created at {@code now} for {@code ttl}. */
    public static TokenRecord issue(String clusterId, Component component, Instant now, Duration ttl,
                                    String createdBy) {
        if (component == Component.HUB) {
            throw new IllegalArgumentException("component \"hub\": join tokens admit agents and gateways only");
        }
        return new TokenRecord(clusterId, component.id(), now.toEpochMilli(), now.plus(ttl).toEpochMilli(),
                createdBy, 0, null);
    }

    /**
     * What presenting the token stored as {@code record} (null when unknown) at {@code now} comes to, for a
     * cluster set.
     */
    public static Redemption redeem(TokenRecord record, Instant now, String clusterSet) {
        if (record == null) {
            return new Redemption(Redemption.Outcome.UNKNOWN, null, "unknown join token");
        }
        ClusterIdentity identity = SpiffeId.cluster(clusterSet, record.clusterId(), Component.parse(record.component()));
        if (record.used()) {
            return new Redemption(Redemption.Outcome.ALREADY_USED, null, "join token for " + identity
                    + " was already used at " + Instant.ofEpochMilli(record.usedAtMillis()) + "; tokens work once");
        }
        if (!now.isBefore(Instant.ofEpochMilli(record.expiresAtMillis()))) {
            return new Redemption(Redemption.Outcome.EXPIRED, null, "join token for " + identity + " expired at "
                    + Instant.ofEpochMilli(record.expiresAtMillis()));
        }
        return new Redemption(Redemption.Outcome.ACCEPTED, identity.toString(), null);
    }
}
