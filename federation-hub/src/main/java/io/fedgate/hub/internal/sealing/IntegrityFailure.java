package io.fedgate.hub.internal.sealing;

/**
 * A value read from Hazelcast that the hub refuses to act on: it does not open under this member's sealing
 * keys for the map and entry it was read from, or it is older than a value this member already saw there.
 *
 * @see StateSealer#open
 */
public final class IntegrityFailure extends RuntimeException {
    /** Why a value was refused. */
    public enum Reason {
        /** The authentication tag does not verify: forged, altered, or copied from another map or entry. */
        BAD_TAG("authentication failed (forged, altered, or copied from another entry)"),
        /** Sealed under a key id this member does not hold: retired, or never one of this member's keys. */
        UNKNOWN_KEY("sealed under a key id this member does not hold (retired, or a wrong sealing key)"),
        /** Not an envelope of a known format, or truncated. */
        MALFORMED("not a sealed envelope"),
        /** Opens, but is older than a value this member already saw under the same entry: a replay. */
        ROLLED_BACK("older than a value already seen for this entry (replayed)");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        /** What the reason means, for logs and the audit. */
        public String description() {
            return description;
        }
    }

    private final String map;
    private final String key;
    private final Reason reason;

    /** {@code map}'s entry {@code key} refused for {@code reason}; {@code detail} adds what was found. */
    public IntegrityFailure(String map, String key, Reason reason, String detail) {
        super(map + " entry \"" + key + "\" refused: " + reason.description() + (detail == null ? "" : ": " + detail));
        this.map = map;
        this.key = key;
        this.reason = reason;
    }

    /** The map or ring buffer read. */
    public String map() {
        return map;
    }

    /** The entry's key as sealed (its canonical text). */
    public String key() {
        return key;
    }

    /** Why it was refused. */
    public Reason reason() {
        return reason;
    }
}
