package io.fedgate.hub.internal.sealing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * The plaintext of sealed values: Java serialization of the hub's state records. Acceptable only because
 * {@link SealedMap} and {@link SealedRing} deserialize bytes after the AEAD tag verified, that is bytes a
 * member sealed; the filter (the hub's state package, {@code java.lang}, {@code java.util}, primitive arrays)
 * is a second line, not the first.
 */
final class SealedValues {
    private static final String STATE_PACKAGE = "io.fedgate.hub.internal.state";
    private static final ObjectInputFilter ONLY_STATE = info -> {
        Class<?> type = info.serialClass();
        if (type == null) {
            return info.depth() > 32 ? ObjectInputFilter.Status.REJECTED : ObjectInputFilter.Status.UNDECIDED;
        }
        while (type.isArray()) {
            type = type.getComponentType();
        }
        String pkg = type.getPackageName();
        return type.isPrimitive() || pkg.equals(STATE_PACKAGE) || pkg.equals("java.lang") || pkg.equals("java.util")
                ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    };

    private SealedValues() {
    }

    static byte[] encode(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject((Serializable) value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + value.getClass().getName(), e);
        }
        return bytes.toByteArray();
    }

    /** The value in {@code plaintext}; an {@link IntegrityFailure} when it is not one of {@code type}. */
    static <V> V decode(byte[] plaintext, Class<V> type, String map, String key) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(plaintext))) {
            in.setObjectInputFilter(ONLY_STATE);
            Object value = in.readObject();
            if (!type.isInstance(value)) {
                throw new IntegrityFailure(map, key, IntegrityFailure.Reason.MALFORMED, "holds a "
                        + (value == null ? "null" : value.getClass().getName()) + ", not a " + type.getName());
            }
            return type.cast(value);
        } catch (IOException | ClassNotFoundException e) {
            throw new IntegrityFailure(map, key, IntegrityFailure.Reason.MALFORMED, "unreadable value: " + e);
        }
    }
}
