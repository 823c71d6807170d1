package io.fedgate.hub.internal.access;

import com.hazelcast.map.IMap;
import io.fedgate.api.pki.ClusterIdentity;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.hub.internal.state.HubState;
import io.fedgate.hub.internal.state.TokenRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/** Join tokens in the cluster's token map, with {@link JoinTokenRules}. */
public final class JoinTokenStore {
    /** How long used and expired tokens are kept, so a late replay is told "already used", not "unknown". */
    public static final Duration RETENTION = Duration.ofDays(7);

    private final IMap<String, TokenRecord> tokens;
    private final String clusterSet;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** Tokens of {@code clusterSet} in {@code state}, judged at {@code clock}'s time. */
    public JoinTokenStore(HubState state, String clusterSet, Clock clock) {
        this.tokens = state.tokens();
        this.clusterSet = clusterSet;
        this.clock = clock;
    }

    /** A created token: the secret to hand out and its record. */
    public record Created(String token, TokenRecord record) {
    }

    /** Creates and stores a token for {@code component} of {@code clusterId}. */
    public Created create(String clusterId, Component component, Duration ttl, String createdBy) {
        String token = JoinTokenRules.newToken(random);
        TokenRecord record = JoinTokenRules.issue(clusterId, component, clock.instant(), ttl, createdBy);
        tokens.set(JoinTokenRules.keyOf(token), record);
        return new Created(token, record);
    }

    /** Checks {@code token} and, when valid, marks it used. */
    public Redemption redeem(String token) {
        if (!token.startsWith(JoinTokenRules.PREFIX)) {
            return new Redemption(Redemption.Outcome.UNKNOWN, null, "not a fedgate join token (they start with "
                    + JoinTokenRules.PREFIX + ")");
        }
        return tokens.executeOnKey(JoinTokenRules.keyOf(token), new RedeemTokenProcessor(clock.millis(), clusterSet));
    }

    /** The identity {@code token} would admit, without redeeming it; null when it is not a known token. */
    public ClusterIdentity peek(String token) {
        TokenRecord record = token.startsWith(JoinTokenRules.PREFIX) ? tokens.get(JoinTokenRules.keyOf(token)) : null;
        return record == null ? null
                : SpiffeId.cluster(clusterSet, record.clusterId(), Component.parse(record.component()));
    }

    /** Drops tokens expired for longer than {@link #RETENTION}. */
    public int prune() {
        long cutoff = clock.instant().minus(RETENTION).toEpochMilli();
        int removed = 0;
        for (var entry : tokens.entrySet()) {
            if (entry.getValue().expiresAtMillis() < cutoff && tokens.remove(entry.getKey(), entry.getValue())) {
                removed++;
            }
        }
        return removed;
    }

}
