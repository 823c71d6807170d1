package io.fedgate.hub.internal.access;

import com.hazelcast.map.EntryProcessor;
import io.fedgate.hub.internal.state.TokenRecord;
import java.time.Instant;
import java.util.Map;

/**
 * Checks a token and marks it used in one step on the partition that owns it: two members redeeming the same
 * token at once cannot both succeed.
 */
final class RedeemTokenProcessor implements EntryProcessor<String, TokenRecord, Redemption> {
    private static final long serialVersionUID = 1L;

    private final long nowMillis;
    private final String clusterSet;

    RedeemTokenProcessor(long nowMillis, String clusterSet) {
        this.nowMillis = nowMillis;
        this.clusterSet = clusterSet;
    }

    @Override
    public Redemption process(Map.Entry<String, TokenRecord> entry) {
        Redemption redemption = JoinTokenRules.redeem(entry.getValue(), Instant.ofEpochMilli(nowMillis), clusterSet);
        if (redemption.outcome() == Redemption.Outcome.ACCEPTED) {
            entry.setValue(entry.getValue().redeemed(nowMillis, redemption.identity()));
        }
        return redemption;
    }
}
