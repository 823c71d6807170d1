package io.fedgate.hub.internal.access;

/**
 * An authorization decision.
 *
 * @param reason for refusals, who may not do what and why
 *               ({@code spiffe://set/cluster/east/agent may not write the inventory of cluster west}); null when allowed
 */
public record Decision(boolean allowed, String reason) {
    /** Allowed. */
    public static final Decision ALLOW = new Decision(true, null);

    /** Refused because of {@code reason}. */
    public static Decision deny(String reason) {
        return new Decision(false, reason);
    }
}
