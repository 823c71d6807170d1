package io.fedgate.interconnect.ovsdb;

import java.util.Locale;

/** The five OVSDB atomic types and the Java type each decodes to. */
public enum AtomicType {
    INTEGER(Long.class, 0L),
    REAL(Double.class, 0.0),
    BOOLEAN(Boolean.class, false),
    STRING(String.class, ""),
    UUID(Uuid.class, new Uuid("00000000-0000-0000-0000-000000000000"));

    private final Class<?> javaType;
    private final Object defaultValue;

    AtomicType(Class<?> javaType, Object defaultValue) {
        this.javaType = javaType;
        this.defaultValue = defaultValue;
    }

    /** The Java class values of this type decode to. */
    public Class<?> javaType() {
        return javaType;
    }

    /** The value OVSDB gives a column of this type when none was written. */
    public Object defaultValue() {
        return defaultValue;
    }

    /** The name used in schemas ({@code "integer"}, ...). */
    public String schemaName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a schema type name; null when it is not one. */
    public static AtomicType fromSchemaName(String name) {
        for (AtomicType t : values()) {
            if (t.schemaName().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
