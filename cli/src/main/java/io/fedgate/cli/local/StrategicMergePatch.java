package io.fedgate.cli.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies a Kubernetes strategic merge patch to an object, for the patches kubectl's client-side apply makes, without
 * the type schema a real API server has: a list is merged by key only where the patch gives its element order
 * ({@code $setElementOrder/<field>}, whose entries hold just the merge key), and replaced otherwise. Maps merge as in
 * a JSON merge patch (null deletes); {@code $patch: replace|delete}, {@code $retainKeys} and
 * {@code $deleteFromPrimitiveList/<field>} are honoured.
 */
final class StrategicMergePatch {
    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String ELEMENT_ORDER = "$setElementOrder/";
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

    private StrategicMergePatch() {
    }

    /** {@code live} with {@code patch} applied; neither argument is changed. */
    static Map<String, Object> apply(Map<String, Object> live, Map<String, Object> patch) {
        Object directive = patch.get(PATCH);
        if ("replace".equals(directive)) {
            return withoutDirectives(patch);
        }
        Map<String, Object> result = new LinkedHashMap<>(live);
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (key.startsWith("$")) {
                continue;
            }
            if (value == null || value instanceof Map<?, ?> m && "delete".equals(m.get(PATCH))) {
                result.remove(key);
            } else if (value instanceof Map<?, ?> m && result.get(key) instanceof Map<?, ?> old) {
                result.put(key, apply(cast(old), cast(m)));
            } else if (value instanceof List<?> list && patch.get(ELEMENT_ORDER + key) instanceof List<?> order) {
                result.put(key, mergeList(result.get(key) instanceof List<?> old ? old : List.of(), list, order,
                        deletions(patch, key)));
            } else {
                result.put(key, strip(value));
            }
        }
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            // an order without the list itself: only the order (or deletions) changed
            if (e.getKey().startsWith(ELEMENT_ORDER) && !patch.containsKey(e.getKey().substring(ELEMENT_ORDER.length()))
                    && e.getValue() instanceof List<?> order) {
                String field = e.getKey().substring(ELEMENT_ORDER.length());
                result.put(field, mergeList(result.get(field) instanceof List<?> old ? old : List.of(), List.of(),
                        order, deletions(patch, field)));
            }
        }
        if (patch.get(RETAIN_KEYS) instanceof List<?> retain) {
            result.keySet().removeIf(k -> !retain.contains(k));
        }
        return result;
    }

    private static List<Object> mergeList(List<?> live, List<?> patch, List<?> order, List<?> deletions) {
        if (order.isEmpty() || !(order.get(0) instanceof Map<?, ?> first)) {
            List<Object> present = new ArrayList<>(live);
            patch.stream().filter(v -> !present.contains(v)).forEach(present::add);
            present.removeAll(deletions);
            List<Object> merged = new ArrayList<>(order.stream().filter(present::contains).toList());
            present.stream().filter(v -> !merged.contains(v)).forEach(merged::add);
            return merged;
        }
        String mergeKey = (String) first.keySet().iterator().next();
        List<Object> merged = new ArrayList<>();
        List<Object> placed = new ArrayList<>();
        for (Object entry : order) {
            Object id = ((Map<?, ?>) entry).get(mergeKey);
            placed.add(id);
            Map<String, Object> fromPatch = find(patch, mergeKey, id);
            Map<String, Object> fromLive = find(live, mergeKey, id);
            if (fromPatch != null && "delete".equals(fromPatch.get(PATCH))) {
                continue;
            }
            if (fromPatch != null && fromLive != null) {
                merged.add(apply(fromLive, fromPatch));
            } else if (fromPatch != null || fromLive != null) {
                merged.add(fromPatch != null ? withoutDirectives(fromPatch) : fromLive);
            }
        }
        // elements someone else added stay, after the ordered ones, unless the patch deletes them
        for (Object element : live) {
            Object id = element instanceof Map<?, ?> m ? m.get(mergeKey) : null;
            Map<String, Object> fromPatch = find(patch, mergeKey, id);
            boolean deleted = fromPatch != null && "delete".equals(fromPatch.get(PATCH));
            if (!placed.contains(id) && !deleted) {
                merged.add(element);
            }
        }
        return merged;
    }

    private static Map<String, Object> find(List<?> list, String mergeKey, Object id) {
        for (Object element : list) {
            if (element instanceof Map<?, ?> m && id != null && Objects.equals(m.get(mergeKey), id)) {
                return cast(m);
            }
        }
        return null;
    }

    private static List<?> deletions(Map<String, Object> patch, String field) {
        return patch.get(DELETE_FROM_PRIMITIVE_LIST + field) instanceof List<?> l ? l : List.of();
    }

    private static Object strip(Object value) {
        if (value instanceof Map<?, ?> m) {
            return withoutDirectives(cast(m));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(StrategicMergePatch::strip).toList();
        }
        return value;
    }

    private static Map<String, Object> withoutDirectives(Map<String, Object> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!k.startsWith("$") && v != null) {
                result.put(k, strip(v));
            }
        });
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
