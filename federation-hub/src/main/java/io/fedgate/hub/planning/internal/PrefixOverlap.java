package io.fedgate.hub.planning.internal;

import io.fedgate.api.net.Cidr;

/** A prefix of one cluster ({@code mine}) overlapping a prefix of another ({@code theirs}). */
public record PrefixOverlap(Cidr mine, Cidr theirs) {
    /** The same overlap seen from the other cluster. */
    public PrefixOverlap reversed() {
        return new PrefixOverlap(theirs, mine);
    }
}
