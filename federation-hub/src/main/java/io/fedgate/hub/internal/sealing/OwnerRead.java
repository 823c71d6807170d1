package io.fedgate.hub.internal.sealing;

import java.io.Serializable;

/**
 * Something read from a sealed value on the member that owns the entry, so only the result travels (e.g. an
 * inventory's generation rather than the inventory).
 */
@FunctionalInterface
public interface OwnerRead<V, R> extends Serializable {
    /** What to return for {@code value}; null when the entry is absent or refused. */
    R read(V value);
}
