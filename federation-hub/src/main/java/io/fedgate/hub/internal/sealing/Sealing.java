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

    /** The plaintext of {@code envelope} as a {@code type}; null, counted and logged, when refused. */
    <V> V open(String map, String key, byte[] envelope, Class<V> type) {
        try {
            return SealedValues.decode(sealer.open(map, key, envelope), type, map, key);
        } catch (IntegrityFailure failure) {
            monitor.refused(failure);
            return null;
        }
    }

    /** {@code value} sealed as entry {@code key} of {@code map}. */
    byte[] seal(String map, String key, Object value) {
        return sealer.seal(map, key, SealedValues.encode(value));
    }
}
