package io.fedgate.hub.internal.access;

import java.io.Serializable;

/**
 * The outcome of presenting a join token.
 *
 * @param outcome  what happened
 * @param identity the SPIFFE id to issue, for {@link Outcome#ACCEPTED} only (text: the record crosses members)
 * @param reason   for refusals, why, naming the time (expired at ..., already used at ... for ...)
 */
public record Redemption(Outcome outcome, String identity, String reason) implements Serializable {
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
