package io.fedgate.interconnect.ovsdb;

import java.util.regex.Pattern;

/**
 * An OVSDB {@code named-uuid} atom: refers, inside one transaction, to the row an earlier {@code insert}
 * of the same transaction named with {@code uuid-name} ({@code ["named-uuid", "..."]} on the wire).
 *
 * @param name an identifier: a letter or underscore, then letters, digits or underscores
 */
public record NamedUuid(String name) {
    private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public NamedUuid {
        if (name == null || !ID.matcher(name).matches()) {
            throw new IllegalArgumentException("named-uuid \"" + name + "\" is not an identifier ([A-Za-z_][A-Za-z0-9_]*)");
        }
    }
}
