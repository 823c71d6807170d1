package io.fedgate.hub.internal.access;

import io.fedgate.api.pki.ClusterIdentity;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.hub.internal.sealing.SealedMap;
import io.fedgate.hub.internal.sealing.StateSealer;
import io.fedgate.hub.internal.state.HubState;
import io.fedgate.hub.internal.state.TokenRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * Join tokens in the cluster's token map, with {@link JoinTokenRules}, each stored under an HMAC of the token
 * ({@link StateSealer#tokenKeys}): under the active sealing key's when created; looked up under every key held,
 * so tokens created before a key rotation work until that key is retired.
 */
public final class JoinTokenStore {
    /** How long used and expired tokens are kept, so a late replay is told "already used", not "unknown". */
    public static final Duration RETENTION = Duration.ofDays(7);

    private final SealedMap<String, TokenRecord> tokens;
    private final StateSealer sealer;
    private final String clusterSet;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** Tokens of {@code clusterSet} in {@code state}, judged at {@code clock}'s time. */
    public JoinTokenStore(HubState state, String clusterSet, Clock clock) {
        this.tokens = state.tokens();
        this.sealer = state.sealing().sealer();
        this.clusterSet = clusterSet;
        this.clock = clock;
    }

    /**
     * A created token: the secret to hand out, its record, and the key it is stored under.
     */
    public record Created(String token, TokenRecord record, String key) {
    }

    /** Creates and stores a token for {@code component} of {@code clusterId}. */
    public Created create(String clusterId, Component component, Duration ttl, String createdBy) {
        String token = JoinTokenRules.newToken(random);
        TokenRecord record = JoinTokenRules.issue(clusterId, component, clock.instant(), ttl, createdBy);
        String key = sealer.tokenKeys(token).get(0);
        tokens.set(key, record);
        return new Created(token, record, key);
    }

    /**
     * Checks {@code token} and, when valid, marks it used: a compare-and-set on the record's envelope, so two
     * members redeeming one token at once cannot both succeed. A record that does not open (forged, copied) is
     * an unknown token; a replayed unused copy of a used one reads as used ({@code SealedMap.Forward}).
     */
    public Redemption redeem(String token) {
        if (!token.startsWith(JoinTokenRules.PREFIX)) {
            return new Redemption(Redemption.Outcome.UNKNOWN, null, "not a fedgate join token (they start with "
                    + JoinTokenRules.PREFIX + ")");
        }
        for (String key : sealer.tokenKeys(token)) {
            SealedMap.Held<TokenRecord> held;
            while ((held = tokens.getHeld(key)) != null && !held.refused()) {
                long now = clock.millis();
                Redemption redemption = JoinTokenRules.redeem(held.value(), java.time.Instant.ofEpochMilli(now),
                        clusterSet);
                if (redemption.outcome() != Redemption.Outcome.ACCEPTED
                        || tokens.replace(key, held, held.value().redeemed(now, redemption.identity()))) {
                    return redemption;
                }
            }
        }
        return JoinTokenRules.redeem(null, clock.instant(), clusterSet);
    }

    /** The identity {@code token} would admit, without redeeming it; null when it is not a known token. */
    public ClusterIdentity peek(String token) {
        TokenRecord record = token.startsWith(JoinTokenRules.PREFIX) ? find(token) : null;
        return record == null ? null
                : SpiffeId.cluster(clusterSet, record.clusterId(), Component.parse(record.component()));
    }

    /** Drops tokens expired for longer than {@link #RETENTION}. */
    public int prune() {
        long cutoff = clock.instant().minus(RETENTION).toEpochMilli();
        int removed = 0;
        for (String key : tokens.keySet()) {
            SealedMap.Held<TokenRecord> held = tokens.getHeld(key);
            if (held != null && !held.refused() && held.value().expiresAtMillis() < cutoff && tokens.remove(key, held)) {
                removed++;
            }
        }
        return removed;
    }

    private TokenRecord find(String token) {
        for (String key : sealer.tokenKeys(token)) {
            TokenRecord record = tokens.get(key);
            if (record != null) {
                return record;
            }
        }
        return null;
    }

}
