package io.fedgate.interconnect.ovsdb;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An OVSDB {@code uuid} atom: the identity of a row ({@code ["uuid", "..."]} on the wire).
 *
 * @param value the canonical lowercase text form
 */
public record Uuid(String value) {
    private static final Pattern FORM =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public Uuid {
        Objects.requireNonNull(value, "uuid");
        value = value.toLowerCase(java.util.Locale.ROOT);
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("\"" + value + "\" is not a UUID");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
