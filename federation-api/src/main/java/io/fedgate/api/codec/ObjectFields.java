package io.fedgate.api.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedgate.api.codec.internal.Suggestions;
import io.fedgate.api.net.Cidr;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The fields of one object of a document being read, handed to a {@link Reader}. Each accessor reads
 * one field by name, checks it and records problems on its path ({@code network.podCIDRs[0]}).
 *
 * <p>Absent fields and explicit nulls are the same. Optional accessors return null (or the default,
 * or an empty collection) when the field is absent; {@code required*} ones record {@code is required}.
 * After a problem an accessor returns a placeholder (null, 0, false, empty): never seen by anyone, as
 * the read then fails as a whole. Every field a reader asks for counts as known, so a reader must ask
 * for all its fields even when it will not use some, or strict reads report them as unknown.
 */
public final class ObjectFields {

    /** Builds one value from an object's fields. Must not throw on placeholder values. */
    @FunctionalInterface
    public interface Reader<T> {
        /** The value of the object whose fields these are. */
        T read(ObjectFields fields);
    }

    private final DocumentNode node;
    private final Set<String> asked = new LinkedHashSet<>();

    ObjectFields(DocumentNode node) {
        this.node = node;
    }

    /** This object's path ({@code exports[0]}); empty for the document root. */
    public String path() {
        return node.path();
    }

    /** The path of field {@code name} of this object. */
    public String pathOf(String name) {
        return node.memberPath(name);
    }

    /** Where this read's problems go; {@link Problems#count()} before and after tells whether a part failed. */
    public Problems problems() {
        return node.problems();
    }

    /** Records a problem about field {@code name}, for checks spanning several fields. */
    public void problem(String name, String message) {
        node.problems().add(pathOf(name), message);
    }

    /** True when field {@code name} is present and not null. */
    public boolean has(String name) {
        return field(name) != null;
    }

    /** Field {@code name} for a custom read, or null when absent. */
    public DocumentNode field(String name) {
        asked.add(name);
        return node.field(name);
    }

    /** Field {@code name}, recording {@code is required} when absent. */
    public DocumentNode requiredField(String name) {
        DocumentNode value = field(name);
        if (value == null) {
            problem(name, "is required");
        }
        return value;
    }

    /** Optional text following {@code rule}. */
    public String text(String name, TextRule rule) {
        return read(field(name), n -> n.text(rule));
    }

    /** Required text following {@code rule}. */
    public String requiredText(String name, TextRule rule) {
        return read(requiredField(name), n -> n.text(rule));
    }

    /** A required whole number in {@code range}; 0 after a problem. */
    public long requiredLong(String name, Range range) {
        Long value = read(requiredField(name), n -> n.longValue(range));
        return value == null ? 0 : value;
    }

    /** An optional whole number in {@code range} that fits an int; {@code defaultValue} when absent. */
    public int integer(String name, Range range, int defaultValue) {
        DocumentNode value = field(name);
        Integer read = read(value, n -> n.intValue(range));
        return read == null ? defaultValue : read;
    }

    /** A required whole number in {@code range} that fits an int; 0 after a problem. */
    public int requiredInt(String name, Range range) {
        Integer value = read(requiredField(name), n -> n.intValue(range));
        return value == null ? 0 : value;
    }

    /** An optional boolean; {@code defaultValue} when absent. */
    public boolean bool(String name, boolean defaultValue) {
        Boolean value = read(field(name), DocumentNode::bool);
        return value == null ? defaultValue : value;
    }

    /** A required boolean; false after a problem. */
    public boolean requiredBool(String name) {
        Boolean value = read(requiredField(name), DocumentNode::bool);
        return value != null && value;
    }

    /** An optional enum by its {@link WireNames wire name}; {@code defaultValue} when absent. */
    public <E extends Enum<E>> E enumValue(String name, Class<E> type, E defaultValue) {
        DocumentNode value = field(name);
        return value == null ? defaultValue : value.enumValue(type);
    }

    /** A required enum by its {@link WireNames wire name}. */
    public <E extends Enum<E>> E requiredEnum(String name, Class<E> type) {
        return read(requiredField(name), n -> n.enumValue(type));
    }

    /** A required CIDR. */
    public Cidr requiredCidr(String name) {
        return read(requiredField(name), DocumentNode::cidr);
    }

    /** A required ISO-8601 instant. */
    public Instant requiredInstant(String name) {
        return read(requiredField(name), DocumentNode::instant);
    }

    /** An optional nested object read by {@code reader}; null when absent. */
    public <T> T object(String name, Reader<T> reader) {
        return read(field(name), n -> n.object(reader));
    }

    /** A required nested object read by {@code reader}. */
    public <T> T requiredObject(String name, Reader<T> reader) {
        return read(requiredField(name), n -> n.object(reader));
    }

    /** An optional list (empty when absent); see {@link DocumentNode#list}. */
    @SafeVarargs
    public final <T> List<T> list(String name, int maxSize, Function<DocumentNode, T> element,
                                  Unique<? super T>... unique) {
        DocumentNode value = field(name);
        return value == null ? List.of() : value.list(maxSize, element, unique);
    }

    /** A required list with at least one entry; see {@link DocumentNode#list}. */
    @SafeVarargs
    public final <T> List<T> nonEmptyList(String name, int maxSize, Function<DocumentNode, T> element,
                                          Unique<? super T>... unique) {
        DocumentNode value = requiredField(name);
        if (value == null) {
            return List.of();
        }
        if (value.json().isArray() && value.json().isEmpty()) {
            value.problem("must not be empty");
            return List.of();
        }
        return value.list(maxSize, element, unique);
    }

    /** An optional object used as a map (empty when absent); see {@link DocumentNode#map}. */
    public <V> Map<String, V> map(String name, int maxSize, TextRule keyRule, Function<DocumentNode, V> value) {
        DocumentNode field = field(name);
        return field == null ? Map.of() : field.map(maxSize, keyRule, value);
    }

    /** Reports every field no accessor asked for, suggesting the closest known name. */
    void reportUnknownFields() {
        for (Map.Entry<String, JsonNode> entry : node.json().properties()) {
            String name = entry.getKey();
            if (asked.contains(name)) {
                continue;
            }
            String suggestion = Suggestions.closest(name, asked);
            problem(name, suggestion == null ? "unknown field" : "unknown field (did you mean " + suggestion + "?)");
        }
    }

    private static <T> T read(DocumentNode value, Function<DocumentNode, T> reader) {
        return value == null ? null : reader.apply(value);
    }
}
