package io.fedgate.hub.internal.sealing;

/**
 * This member's sealer and the monitor of what it refused: what every sealed structure of the member opens
 * and seals with. Also the member's Hazelcast user context entry {@value #USER_CONTEXT_KEY}, so code running
 * on the member that owns an entry (entry processors) seals with member-local keys: key material never
 * travels inside an operation.
 */
public record Sealing(StateSealer sealer, IntegrityMonitor monitor) {
    /** The key of this record in the member's Hazelcast user context. */
    public static final String USER_CONTEXT_KEY = "fedgate.sealing";

    /**
     * The value sealed in {@code stored} (as read from Hazelcast) as a {@code type}; null, counted and logged, when
     * refused: it does not open, or it is no envelope at all ({@link Unreadable}, or anything but bytes).
     */
    <V> V open(String map, String key, Object stored, Class<V> type) {
        try {
            return SealedValues.decode(sealer.open(map, key, envelope(map, key, stored)), type, map, key);
        } catch (IntegrityFailure failure) {
            monitor.refused(failure);
            return null;
        }
    }

    private static byte[] envelope(String map, String key, Object stored) {
        if (stored instanceof byte[] bytes) {
            return bytes;
        }
        throw new IntegrityFailure(map, key, IntegrityFailure.Reason.MALFORMED, stored instanceof Unreadable unreadable
                ? "not deserializable: " + unreadable.reason() : "a " + stored.getClass().getName() + ", not bytes");
    }

    /** {@code value} sealed as entry {@code key} of {@code map}. */
    byte[] seal(String map, String key, Object value) {
        return sealer.seal(map, key, SealedValues.encode(value));
    }
}
