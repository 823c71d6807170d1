package io.fedgate.agent.spi;

/**
 * The hub's answer to an inventory snapshot or delta.
 *
 * @param outcome       accepted, or send a full snapshot instead
 * @param hubGeneration the generation the hub holds for this cluster after the call, or -1 when it holds
 *                      none or does not say; the agent's next snapshot is numbered above it
 * @param reason        why a snapshot is required, for the log; null when accepted
 */
public record SendResult(Outcome outcome, long hubGeneration, String reason) {

    /** What the hub did with what was sent. */
    public enum Outcome {
        /** The hub stored it. */
        ACCEPTED,
        /** The hub did not apply it and wants a full snapshot (unknown or stale base generation). */
        SNAPSHOT_REQUIRED
    }

    public SendResult {
        if (outcome == null) {
            throw new IllegalArgumentException("outcome: null");
        }
    }

    /** The hub stored the inventory or delta at {@code generation}. */
    public static SendResult accepted(long generation) {
        return new SendResult(Outcome.ACCEPTED, generation, null);
    }

    /** The hub wants a snapshot; it holds {@code hubGeneration} (-1 for none). */
    public static SendResult snapshotRequired(long hubGeneration, String reason) {
        return new SendResult(Outcome.SNAPSHOT_REQUIRED, hubGeneration, reason);
    }
}
