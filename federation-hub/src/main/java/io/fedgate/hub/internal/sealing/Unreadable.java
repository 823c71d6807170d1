package io.fedgate.hub.internal.sealing;

import com.hazelcast.nio.serialization.HazelcastSerializationException;
import java.util.function.Supplier;

/**
 * A stored value this member could not even deserialize: a class outside the members' Java serialization
 * allow-list (refused before any of its code ran), or a serialized form this member has no serializer for.
 * Only someone without the sealing keys stores such a thing; it is refused like a value that does not open.
 *
 * @param reason what Hazelcast said
 */
record Unreadable(String reason) {
    /** What {@code read} returns, or an {@link Unreadable} when Hazelcast cannot deserialize it. */
    static Object read(Supplier<?> read) {
        try {
            return read.get();
        } catch (HazelcastSerializationException e) {
            return of(e);
        }
    }

    static Unreadable of(HazelcastSerializationException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return new Unreadable(cause.toString());
    }
}
