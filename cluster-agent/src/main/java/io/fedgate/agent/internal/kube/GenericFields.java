package io.fedgate.agent.internal.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;

/** Reads nested fields of schemaless objects ({@link GenericKubernetesResource}) without unchecked casts spread around. */
final class GenericFields {
    private GenericFields() {
    }

    /** The map at {@code field} of {@code object} ("spec", "status"), or an empty map. */
    static Map<String, Object> map(GenericKubernetesResource object, String field) {
        return asMap(object.getAdditionalProperties().get(field));
    }

    /** {@code value} as a map, or an empty map when it is none. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The list at {@code key} of {@code map}, or an empty list. */
    static List<Object> list(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value instanceof List<?> list) {
            return java.util.Collections.unmodifiableList(new java.util.ArrayList<Object>(list));
        }
        return List.of();
    }

    /** The text at {@code key}, or null. */
    static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? null : value.toString();
    }

    /** True when {@code key} holds {@code true} or the text {@code "true"}. */
    static boolean flag(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    /** The integer at {@code key}, or {@code absent}. */
    static int integer(Map<String, Object> map, String key, int absent) {
        Object value = map.get(key);
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof String s) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                return absent;
            }
        }
        return absent;
    }

    /** The long at {@code key}, or null. */
    static Long longValue(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof Number n ? n.longValue() : null;
    }

    /** The string map at {@code key} (labels, annotations), values as text, null values left out; empty when none. */
    static Map<String, String> textMap(Map<String, Object> map, String key) {
        Map<String, String> texts = new java.util.TreeMap<>();
        asMap(map.get(key)).forEach((k, v) -> {
            if (v != null) {
                texts.put(k, v.toString());
            }
        });
        return texts;
    }
}
