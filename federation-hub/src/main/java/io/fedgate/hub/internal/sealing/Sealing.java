package io.fedgate.hub.internal.sealing;

/**
 * This member's sealer and the monitor of what it refused: what every sealed structure of the member opens
 * and seals with. Also the member's Hazelcast user context entry {@value #USER_CONTEXT_KEY}, so code running
 * on the member that owns an entry (entry processors) seals with member-local keys: key material never
 * travels inside an operation.
 */
public final class Sealing {
    /** The key of this object in the member's Hazelcast user context. */
    public static final String USER_CONTEXT_KEY = "fedgate.sealing";

    private final StateSealer sealer;
    private final IntegrityMonitor monitor;
    private final boolean aead;

    /** Sealing with {@code sealer}, refusals reported to {@code monitor}. */
    public Sealing(StateSealer sealer, IntegrityMonitor monitor) {
        this(sealer, monitor, true);
    }

    private Sealing(StateSealer sealer, IntegrityMonitor monitor, boolean aead) {
        this.sealer = sealer;
        this.monitor = monitor;
        this.aead = aead;
    }

    /**
     * The baseline of {@code fedgate bench hub --unsealed} only: values serialized as when sealed but stored as
     * plaintext (no AEAD), so the benchmark can tell what sealing costs. Nothing a hub serving clusters uses.
     */
    public static Sealing plaintextForBenchmark(StateSealer sealer, IntegrityMonitor monitor) {
        return new Sealing(sealer, monitor, false);
    }

    /** The sealer (keys, token HMACs). */
    public StateSealer sealer() {
        return sealer;
    }

    /** What counts and reports refusals. */
    public IntegrityMonitor monitor() {
        return monitor;
    }

    /** False only for {@link #plaintextForBenchmark}. */
    public boolean aead() {
        return aead;
    }

    /**
     * The value sealed in {@code stored} (as read from Hazelcast) as a {@code type}; null, counted and logged, when
     * refused: it does not open, or it is no envelope at all ({@link Unreadable}, or anything but bytes).
     */
    <V> V open(String map, String key, Object stored, Class<V> type) {
        try {
            byte[] envelope = envelope(map, key, stored);
            return SealedValues.decode(aead ? sealer.open(map, key, envelope) : envelope, type, map, key);
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
        byte[] plaintext = SealedValues.encode(value);
        return aead ? sealer.seal(map, key, plaintext) : plaintext;
    }
}
