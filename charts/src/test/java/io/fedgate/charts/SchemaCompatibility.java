package io.fedgate.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a CRD schema accepts every object an earlier schema accepted, so that replacing the CRD on a live cluster
 * neither rejects the next write of a stored object nor prunes one of its fields. This is a structural comparison,
 * path by path, of what the API server validates with: every property of the earlier schema must still exist with
 * the same type and format; enums may only grow; upper bounds (maxItems, maxLength, maxProperties, maximum) may
 * only rise or go; lower bounds (minItems, minLength, minProperties, minimum) may only fall or go; no object may
 * require more; patterns stay the same or go; list types and map keys stay the same; and nothing that was nullable
 * or kept unknown fields stops being so. Properties the new schema adds are fine unless required.
 */
final class SchemaCompatibility {

    private static final List<String> UPPER_BOUNDS = List.of("maxItems", "maxLength", "maxProperties", "maximum");
    private static final List<String> LOWER_BOUNDS = List.of("minItems", "minLength", "minProperties", "minimum");
    private static final List<String> SAME_OR_ABSENT = List.of("pattern", "x-kubernetes-list-type",
            "x-kubernetes-list-map-keys", "x-kubernetes-map-type");
    // what the API server assumes when a schema does not say: an unmarked list is atomic
    private static final Map<String, JsonNode> DEFAULTS = Map.of("x-kubernetes-list-type", TextNode.valueOf("atomic"));
    private static final List<String> STAY_TRUE = List.of("nullable", "x-kubernetes-preserve-unknown-fields",
            "x-kubernetes-int-or-string");

    private SchemaCompatibility() {
    }

    /**
     * What {@code next} would reject or drop of the objects {@code previous} accepts, one line per finding naming
     * the path and both values; empty when {@code next} accepts all of them.
     */
    static List<String> violations(CrdSchema previous, CrdSchema next) {
        List<String> violations = new ArrayList<>();
        for (String path : previous.paths()) {
            String where = path.isEmpty() ? "(root)" : path;
            if (!next.has(path)) {
                violations.add(where + ": dropped (its values would be pruned)");
                continue;
            }
            JsonNode before = previous.at(path);
            JsonNode after = next.at(path);
            if (!previous.type(path).equals(next.type(path))) {
                violations.add(where + ": type " + next.type(path) + " was " + previous.type(path));
            }
            enums(where, before, after, violations);
            bounds(where, before, after, violations);
            sameOrAbsent(where, before, after, violations);
            stayTrue(where, before, after, violations);
            Set<String> added = new TreeSet<>(next.required(path));
            added.removeAll(previous.required(path));
            if (!added.isEmpty()) {
                violations.add(where + ": requires " + added + " as well");
            }
        }
        return violations;
    }

    private static void enums(String where, JsonNode before, JsonNode after, List<String> violations) {
        if (!after.has("enum")) {
            return;
        }
        Set<String> allowed = texts(after.get("enum"));
        if (!before.has("enum")) {
            violations.add(where + ": enum " + allowed + " where any value was accepted");
            return;
        }
        Set<String> lost = texts(before.get("enum"));
        lost.removeAll(allowed);
        if (!lost.isEmpty()) {
            violations.add(where + ": enum " + allowed + " no longer accepts " + lost);
        }
    }

    private static void bounds(String where, JsonNode before, JsonNode after, List<String> violations) {
        for (String bound : UPPER_BOUNDS) {
            if (after.has(bound) && (!before.has(bound)
                    || after.get(bound).decimalValue().compareTo(before.get(bound).decimalValue()) < 0)) {
                violations.add(where + ": " + bound + " " + after.get(bound) + " was "
                        + (before.has(bound) ? before.get(bound) : "unbounded"));
            }
        }
        for (String bound : LOWER_BOUNDS) {
            if (after.has(bound) && (!before.has(bound)
                    || after.get(bound).decimalValue().compareTo(before.get(bound).decimalValue()) > 0)) {
                violations.add(where + ": " + bound + " " + after.get(bound) + " was "
                        + (before.has(bound) ? before.get(bound) : "unbounded"));
            }
        }
    }

    private static void sameOrAbsent(String where, JsonNode before, JsonNode after, List<String> violations) {
        for (String keyword : SAME_OR_ABSENT) {
            JsonNode was = before.has(keyword) ? before.get(keyword) : DEFAULTS.get(keyword);
            if (after.has(keyword) && !after.get(keyword).equals(was)) {
                violations.add(where + ": " + keyword + " " + after.get(keyword) + " was "
                        + (was != null ? was : "absent"));
            }
        }
    }

    private static void stayTrue(String where, JsonNode before, JsonNode after, List<String> violations) {
        for (String keyword : STAY_TRUE) {
            if (before.path(keyword).asBoolean(false) && !after.path(keyword).asBoolean(false)) {
                violations.add(where + ": no longer " + keyword);
            }
        }
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
