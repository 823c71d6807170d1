package io.fedgate.charts;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/**
 * The {@code openAPIV3Schema} of one version of a CustomResourceDefinition, flattened into its property paths:
 * {@code spec.ports} for a property, {@code spec.ports[]} for an array's items and {@code spec.exportedLabels{}} for
 * a map's values ({@code additionalProperties}); the root is the empty path. Each path keeps its schema node, so
 * that tests can ask for types, bounds and enums by path instead of navigating the tree.
 */
final class CrdSchema {

    private final Map<String, JsonNode> nodes;

    private CrdSchema(Map<String, JsonNode> nodes) {
        this.nodes = Collections.unmodifiableMap(nodes);
    }

    /** The CustomResourceDefinition in {@code file}, as a tree. */
    static JsonNode crd(Path file) {
        JsonNode crd = Documents.read(file);
        if (!"CustomResourceDefinition".equals(crd.path("kind").asText())) {
            throw new IllegalArgumentException(file + " holds a " + crd.path("kind").asText() + ", not a "
                    + "CustomResourceDefinition");
        }
        return crd;
    }

    /** The names of {@code crd}'s versions, in the order it lists them. */
    static List<String> versionNames(JsonNode crd) {
        return StreamSupport.stream(crd.path("spec").path("versions").spliterator(), false)
                .map(v -> v.path("name").asText()).toList();
    }

    /** Version {@code name} of {@code crd}; fails naming the versions it has when there is none of that name. */
    static JsonNode version(JsonNode crd, String name) {
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (name.equals(version.path("name").asText())) {
                return version;
            }
        }
        throw new IllegalArgumentException(crd.path("metadata").path("name").asText() + " has no version " + name
                + " (it has " + versionNames(crd) + ")");
    }

    /** The schema of version {@code name} of {@code crd}. */
    static CrdSchema of(JsonNode crd, String name) {
        return of(version(crd, name).path("schema").path("openAPIV3Schema"));
    }

    /** The schema whose root is {@code openApiV3Schema}. */
    static CrdSchema of(JsonNode openApiV3Schema) {
        if (!openApiV3Schema.isObject()) {
            throw new IllegalArgumentException("openAPIV3Schema must be an object, is " + openApiV3Schema);
        }
        Map<String, JsonNode> nodes = new LinkedHashMap<>();
        walk(openApiV3Schema, "", nodes);
        return new CrdSchema(nodes);
    }

    private static void walk(JsonNode node, String path, Map<String, JsonNode> nodes) {
        nodes.put(path, node);
        node.path("properties").properties()
                .forEach(p -> walk(p.getValue(), path.isEmpty() ? p.getKey() : path + "." + p.getKey(), nodes));
        if (node.path("items").isObject()) {
            walk(node.get("items"), path + "[]", nodes);
        }
        // additionalProperties: true/false is no schema of its own; only a schema object has paths below it
        if (node.path("additionalProperties").isObject()) {
            walk(node.get("additionalProperties"), path + "{}", nodes);
        }
    }

    /** Every property path, root ({@code ""}) first, in the order of the tree. */
    Set<String> paths() {
        return nodes.keySet();
    }

    /** The schema node at {@code path}; fails naming the path when the schema has none there. */
    JsonNode at(String path) {
        JsonNode node = nodes.get(path);
        if (node == null) {
            throw new IllegalArgumentException("the schema has no property " + path);
        }
        return node;
    }

    /** Whether the schema has {@code path}. */
    boolean has(String path) {
        return nodes.containsKey(path);
    }

    /** {@code type}, or {@code type/format} when the node has a format: {@code integer/int32}. */
    String type(String path) {
        JsonNode node = at(path);
        String type = node.path("type").asText();
        return node.has("format") ? type + "/" + node.get("format").asText() : type;
    }

    /** The required properties of the object at {@code path} (empty when it lists none). */
    Set<String> required(String path) {
        return strings(at(path).path("required"));
    }

    /** The enum values of {@code path} as text (empty when it has no enum). */
    Set<String> enumValues(String path) {
        return strings(at(path).path("enum"));
    }

    /** Every path's {@code type[/format]}, for comparing whole schemas at a glance. */
    Map<String, String> types() {
        Map<String, String> types = new LinkedHashMap<>();
        paths().forEach(p -> types.put(p, type(p)));
        return types;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
