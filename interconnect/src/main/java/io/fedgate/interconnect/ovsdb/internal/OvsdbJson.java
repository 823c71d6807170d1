package io.fedgate.interconnect.ovsdb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fedgate.interconnect.ovsdb.AtomicType;
import io.fedgate.interconnect.ovsdb.ColumnType;
import io.fedgate.interconnect.ovsdb.Condition;
import io.fedgate.interconnect.ovsdb.Mutation;
import io.fedgate.interconnect.ovsdb.NamedUuid;
import io.fedgate.interconnect.ovsdb.Operation;
import io.fedgate.interconnect.ovsdb.OvsdbProtocolException;
import io.fedgate.interconnect.ovsdb.Uuid;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OVSDB's JSON notation for values and operations (RFC 7047 section 5.1): Java values to JSON without a
 * schema, JSON to Java values with the column's type.
 */
public final class OvsdbJson {
    /** The one mapper; thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private OvsdbJson() {
    }

    /** Encodes a value: atom, {@code Set} (as {@code ["set", ...]}) or {@code Map} (as {@code ["map", ...]}). */
    public static JsonNode encode(Object value) {
        if (value instanceof Set<?> set) {
            ArrayNode elems = F.arrayNode();
            for (Object o : set) {
                elems.add(encodeAtom(o));
            }
            return F.arrayNode().add("set").add(elems);
        }
        if (value instanceof Map<?, ?> map) {
            ArrayNode pairs = F.arrayNode();
            map.forEach((k, v) -> pairs.add(F.arrayNode().add(encodeAtom(k)).add(encodeAtom(v))));
            return F.arrayNode().add("map").add(pairs);
        }
        if (value instanceof Collection<?>) {
            throw new IllegalArgumentException("an OVSDB value is an atom, a Set or a Map, not a "
                    + value.getClass().getSimpleName() + " (" + value + ")");
        }
        return encodeAtom(value);
    }

    private static JsonNode encodeAtom(Object atom) {
        if (atom == null) {
            throw new IllegalArgumentException("null is not an OVSDB value");
        } else if (atom instanceof String s) {
            return F.textNode(s);
        } else if (atom instanceof Long l) {
            return F.numberNode(l);
        } else if (atom instanceof Integer i) {
            return F.numberNode(i.longValue());
        } else if (atom instanceof Double d) {
            return F.numberNode(d);
        } else if (atom instanceof Boolean b) {
            return F.booleanNode(b);
        } else if (atom instanceof Uuid u) {
            return F.arrayNode().add("uuid").add(u.value());
        } else if (atom instanceof NamedUuid n) {
            return F.arrayNode().add("named-uuid").add(n.name());
        }
        throw new IllegalArgumentException("a " + atom.getClass().getSimpleName() + " (" + atom
                + ") is not an OVSDB atom (String, Long, Double, Boolean, Uuid, NamedUuid)");
    }

    /**
     * Decodes a column value by its type: a map column gives a {@code Map}, a set column a {@code Set}
     * (whether the server sent {@code ["set", ...]} or a bare atom), a scalar its atom.
     *
     * @param where names the column in errors, e.g. {@code Logical_Router_Port.networks}
     */
    public static Object decode(JsonNode json, ColumnType type, String where) {
        if (type.isMap()) {
            if (!isTagged(json, "map")) {
                throw new OvsdbProtocolException(where + ": expected [\"map\", ...] but got " + shorten(json));
            }
            Map<Object, Object> out = new LinkedHashMap<>();
            for (JsonNode pair : json.get(1)) {
                if (!pair.isArray() || pair.size() != 2) {
                    throw new OvsdbProtocolException(where + ": map entry must be [key, value] but was " + shorten(pair));
                }
                out.put(decodeAtom(pair.get(0), type.key(), where), decodeAtom(pair.get(1), type.value(), where));
            }
            return Collections.unmodifiableMap(out);
        }
        if (type.isSet()) {
            Set<Object> out = new LinkedHashSet<>();
            if (isTagged(json, "set")) {
                for (JsonNode e : json.get(1)) {
                    out.add(decodeAtom(e, type.key(), where));
                }
            } else {
                out.add(decodeAtom(json, type.key(), where));
            }
            return Collections.unmodifiableSet(out);
        }
        return decodeAtom(json, type.key(), where);
    }

    /** Decodes one atom of {@code type}. */
    public static Object decodeAtom(JsonNode json, AtomicType type, String where) {
        switch (type) {
            case STRING -> {
                if (json.isTextual()) {
                    return json.asText();
                }
            }
            case INTEGER -> {
                if (json.isIntegralNumber() && json.canConvertToLong()) {
                    return json.asLong();
                }
            }
            case REAL -> {
                if (json.isNumber()) {
                    return json.asDouble();
                }
            }
            case BOOLEAN -> {
                if (json.isBoolean()) {
                    return json.asBoolean();
                }
            }
            case UUID -> {
                if (isTagged(json, "uuid") && json.get(1).isTextual()) {
                    try {
                        return new Uuid(json.get(1).asText());
                    } catch (IllegalArgumentException e) {
                        throw new OvsdbProtocolException(where + ": " + e.getMessage());
                    }
                }
            }
        }
        throw new OvsdbProtocolException(where + ": expected " + type.schemaName() + " but got " + shorten(json));
    }

    private static boolean isTagged(JsonNode json, String tag) {
        return json.isArray() && json.size() == 2 && tag.equals(json.get(0).asText(null))
                && (tag.equals("uuid") || tag.equals("named-uuid") || json.get(1).isArray());
    }

    /** Encodes a list of conditions as a {@code where} array. */
    public static ArrayNode where(List<Condition> where) {
        ArrayNode out = F.arrayNode();
        for (Condition c : where) {
            out.add(F.arrayNode().add(c.column()).add(c.function().wire()).add(encode(c.value())));
        }
        return out;
    }

    /** Encodes one operation of a {@code transact}. */
    public static ObjectNode operation(Operation op) {
        ObjectNode o = F.objectNode();
        o.put("op", op.op());
        if (op instanceof Operation.Insert i) {
            o.put("table", i.table());
            o.set("row", row(i.row()));
            if (i.uuidName() != null) {
                o.put("uuid-name", i.uuidName());
            }
        } else if (op instanceof Operation.Select s) {
            o.put("table", s.table());
            o.set("where", where(s.where()));
            if (!s.columns().isEmpty()) {
                ArrayNode cols = o.putArray("columns");
                s.columns().forEach(cols::add);
            }
        } else if (op instanceof Operation.Update u) {
            o.put("table", u.table());
            o.set("where", where(u.where()));
            o.set("row", row(u.row()));
        } else if (op instanceof Operation.Mutate m) {
            o.put("table", m.table());
            o.set("where", where(m.where()));
            ArrayNode muts = o.putArray("mutations");
            for (Mutation mu : m.mutations()) {
                muts.add(F.arrayNode().add(mu.column()).add(mu.mutator().wire()).add(encode(mu.value())));
            }
        } else if (op instanceof Operation.Delete d) {
            o.put("table", d.table());
            o.set("where", where(d.where()));
        } else if (op instanceof Operation.Wait w) {
            o.put("table", w.table());
            o.set("where", where(w.where()));
            ArrayNode cols = o.putArray("columns");
            w.columns().forEach(cols::add);
            o.put("until", w.equal() ? "==" : "!=");
            ArrayNode rows = o.putArray("rows");
            w.rows().forEach(r -> rows.add(row(r)));
            o.put("timeout", w.timeoutMillis());
        } else if (op instanceof Operation.Commit c) {
            o.put("durable", c.durable());
        } else if (op instanceof Operation.Comment c) {
            o.put("comment", c.comment());
        } else if (op instanceof Operation.Assert a) {
            o.put("lock", a.lock());
        }
        // "abort" has no fields
        return o;
    }

    private static ObjectNode row(Map<String, Object> row) {
        ObjectNode out = F.objectNode();
        row.forEach((k, v) -> out.set(k, encode(v)));
        return out;
    }

    /** A JSON value cut to one readable piece for error messages. */
    public static String shorten(JsonNode json) {
        String s = String.valueOf(json);
        return s.length() <= 120 ? s : s.substring(0, 120) + "...(" + s.length() + " chars)";
    }
}
