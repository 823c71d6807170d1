package io.fedgate.interconnect.ovsdb;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Typed helpers for OVSDB values. Atoms are {@code String}, {@code Long}, {@code Double}, {@code Boolean},
 * {@link Uuid} and {@link NamedUuid}; a set column holds a {@code Set} of atoms; a map column holds a
 * {@code Map} of atoms. The client encodes them as {@code ["set", [...]]}, {@code ["map", [[k, v], ...]]},
 * {@code ["uuid", ...]} and {@code ["named-uuid", ...]}, and decodes replies back into the same types using
 * the server's schema, so a one-element set always reads back as a {@code Set}.
 */
public final class OvsdbValues {
    private OvsdbValues() {
    }

    /** A {@code uuid} atom. */
    public static Uuid uuid(String value) {
        return new Uuid(value);
    }

    /** A {@code named-uuid} atom. */
    public static NamedUuid namedUuid(String name) {
        return new NamedUuid(name);
    }

    /** An OVSDB set of the given atoms, in the given order, without duplicates. */
    public static Set<Object> set(Object... atoms) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(atoms)));
    }

    /** An OVSDB map from alternating keys and values: {@code map("k1", "v1", "k2", "v2")}. */
    public static Map<Object, Object> map(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("map needs key/value pairs, got " + keysAndValues.length + " items");
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(out);
    }
}
