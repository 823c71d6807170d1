package io.fedgate.hub.internal.access;

import io.fedgate.api.pki.ClusterIdentity;
import java.io.Serializable;

/**
 * The outcome of presenting a join token.
 *
 * @param outcome  what happened
 * @param identity the identity to issue, for {@link Outcome#ACCEPTED} only
 * @param reason   for refusals, why, naming the time (expired at ..., already used at ... for ...)
 */
public record Redemption(Outcome outcome, ClusterIdentity identity, String reason) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What a token presentation came to. */
    public enum Outcome {
        /** Valid and unused: now marked used; issue {@code identity}. */
        ACCEPTED,
        /** No such token (or not a token at all). */
        UNKNOWN,
        /** Past its expiry. */
        EXPIRED,
        /** Redeemed before: a replay. */
        ALREADY_USED
    }
}
