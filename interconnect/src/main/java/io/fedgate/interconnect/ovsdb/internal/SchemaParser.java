package io.fedgate.interconnect.ovsdb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedgate.interconnect.ovsdb.AtomicType;
import io.fedgate.interconnect.ovsdb.ColumnType;
import io.fedgate.interconnect.ovsdb.DatabaseSchema;
import io.fedgate.interconnect.ovsdb.OvsdbProtocolException;
import io.fedgate.interconnect.ovsdb.OvsdbSchemaException;
import io.fedgate.interconnect.ovsdb.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a {@code get_schema} reply, and checks it has what the client needs. */
public final class SchemaParser {
    private static final ColumnType UUID_COLUMN = new ColumnType(AtomicType.UUID, null, 1, 1, null);

    private SchemaParser() {
    }

    /** Parses the schema JSON (RFC 7047 section 3.2). */
    public static DatabaseSchema parse(JsonNode json) {
        if (json == null || !json.isObject() || !json.path("name").isTextual() || !json.path("tables").isObject()) {
            throw new OvsdbProtocolException("get_schema reply is not a schema (needs \"name\" and \"tables\"): "
                    + OvsdbJson.shorten(json));
        }
        String name = json.get("name").asText();
        String version = json.path("version").asText("0.0.0");
        Map<String, TableSchema> tables = new LinkedHashMap<>();
        json.get("tables").fields().forEachRemaining(t -> {
            Map<String, ColumnType> cols = new LinkedHashMap<>();
            cols.put("_uuid", UUID_COLUMN);
            cols.put("_version", UUID_COLUMN);
            JsonNode columns = t.getValue().path("columns");
            columns.fields().forEachRemaining(c -> cols.put(c.getKey(),
                    columnType(c.getValue().path("type"), name + "." + t.getKey() + "." + c.getKey())));
            boolean root = t.getValue().path("isRoot").asBoolean(false);
            tables.put(t.getKey(), new TableSchema(t.getKey(), root, cols));
        });
        return new DatabaseSchema(name, version, tables);
    }

    private static ColumnType columnType(JsonNode type, String where) {
        if (type.isTextual()) {
            return new ColumnType(atomic(type, where), null, 1, 1, null);
        }
        if (!type.isObject()) {
            throw new OvsdbProtocolException("schema column " + where + ": type must be a string or an object but was "
                    + OvsdbJson.shorten(type));
        }
        JsonNode key = type.path("key");
        AtomicType keyType = atomic(key.isObject() ? key.path("type") : key, where);
        String refTable = key.isObject() && key.has("refTable") ? key.get("refTable").asText() : null;
        AtomicType valueType = null;
        if (type.has("value")) {
            JsonNode value = type.get("value");
            valueType = atomic(value.isObject() ? value.path("type") : value, where);
        }
        int min = type.path("min").asInt(1);
        JsonNode maxNode = type.path("max");
        long max = maxNode.isTextual() && maxNode.asText().equals("unlimited") ? ColumnType.UNLIMITED
                : maxNode.asLong(1);
        return new ColumnType(keyType, valueType, min, max, refTable);
    }

    private static AtomicType atomic(JsonNode node, String where) {
        AtomicType t = node.isTextual() ? AtomicType.fromSchemaName(node.asText()) : null;
        if (t == null) {
            throw new OvsdbProtocolException("schema column " + where + ": unknown atomic type " + OvsdbJson.shorten(node));
        }
        return t;
    }

    /**
     * Checks that every required table and column exists.
     *
     * @param endpoint names the server in the error
     * @throws OvsdbSchemaException listing everything missing, with the schema version found
     */
    public static void requireColumns(DatabaseSchema schema, Map<String, Set<String>> required, String endpoint) {
        List<String> missing = new ArrayList<>();
        required.forEach((table, columns) -> {
            TableSchema t = schema.table(table);
            if (t == null) {
                missing.add("table " + table);
                return;
            }
            columns.stream().filter(c -> t.column(c) == null).sorted().forEach(c -> missing.add("column " + table + "." + c));
        });
        if (!missing.isEmpty()) {
            throw new OvsdbSchemaException(endpoint + " serves " + schema.describe() + ", which lacks "
                    + String.join(", ", missing) + " that fedgate needs; use an OVN release whose " + schema.name()
                    + " schema has them");
        }
    }
}
