package io.fedgate.api.codec;

import java.util.function.Function;

/**
 * A key that must not repeat among the entries of a list, e.g. the cluster id of every cluster. A repeat
 * is reported on the later entry: {@code clusters[1].id: "east" duplicates clusters[0].id}.
 *
 * @param field the entry's field holding the key, for the path; null when the key is the whole entry
 *              or spans several fields
 * @param key   the key of an entry; entries whose key is null are not compared
 */
public record Unique<T>(String field, Function<? super T, ?> key) {
    /** The entries themselves must be distinct, e.g. the CIDRs of one list. */
    public static <T> Unique<T> entries() {
        return new Unique<>(null, entry -> entry);
    }

    /** The key's path inside the entry at {@code entryPath}. */
    String pathIn(String entryPath) {
        return field == null ? entryPath : entryPath + "." + field;
    }
}
