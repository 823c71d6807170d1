package io.fedgate.hub.internal.api;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.ServiceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** What an inventory write changed, in words for the audit log. */
final class InventoryChange {
    private static final int MAX_NAMED = 20;

    private InventoryChange() {
    }

    /**
     * E.g. {@code generation 3 -> 4: added shop/cart; removed shop/old; changed 2 (shop/a, shop/b); network
     * changed}; for a first inventory, {@code generation 1: 12 exports}.
     */
    static String describe(ClusterInventory previous, ClusterInventory current) {
        if (previous == null) {
            return "generation " + current.generation() + ": first inventory, " + current.exports().size()
                    + " exports";
        }
        Map<ServiceKey, ExportedService> before = byKey(previous);
        Map<ServiceKey, ExportedService> after = byKey(current);
        List<ServiceKey> added = new ArrayList<>();
        List<ServiceKey> changed = new ArrayList<>();
        after.forEach((key, export) -> {
            ExportedService old = before.get(key);
            if (old == null) {
                added.add(key);
            } else if (!old.equals(export)) {
                changed.add(key);
            }
        });
        List<ServiceKey> removed = before.keySet().stream().filter(k -> !after.containsKey(k)).toList();
        List<String> parts = new ArrayList<>();
        part(parts, "added", added);
        part(parts, "removed", removed);
        part(parts, "changed", changed);
        if (!Objects.equals(previous.network(), current.network())) {
            parts.add("network changed");
        }
        return "generation " + previous.generation() + " -> " + current.generation() + ": "
                + (parts.isEmpty() ? "no change" : String.join("; ", parts));
    }

    private static void part(List<String> parts, String verb, List<ServiceKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        List<String> named = keys.stream().limit(MAX_NAMED).map(ServiceKey::toString).toList();
        parts.add(verb + " " + keys.size() + " (" + String.join(", ", named)
                + (keys.size() > MAX_NAMED ? ", ..." : "") + ")");
    }

    private static Map<ServiceKey, ExportedService> byKey(ClusterInventory inventory) {
        Map<ServiceKey, ExportedService> map = new TreeMap<>();
        inventory.exports().forEach(e -> map.put(e.service(), e));
        return map;
    }
}
