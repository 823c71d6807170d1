package io.fedgate.interconnect.ovsdb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedgate.interconnect.ovsdb.DatabaseSchema;
import io.fedgate.interconnect.ovsdb.Operation;
import io.fedgate.interconnect.ovsdb.OperationResult;
import io.fedgate.interconnect.ovsdb.OvsdbProtocolException;
import io.fedgate.interconnect.ovsdb.OvsdbServerException;
import io.fedgate.interconnect.ovsdb.Row;
import io.fedgate.interconnect.ovsdb.TableSchema;
import io.fedgate.interconnect.ovsdb.TransactionResult;
import io.fedgate.interconnect.ovsdb.Uuid;
import io.fedgate.interconnect.ovsdb.AtomicType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the result array of a {@code transact}. A failed transaction still has {@code "error": null} at the
 * top: the failure is an element {@code {"error": ..., "details": ...}} in the result array, at the index of
 * the failing operation, or one past the last operation when the commit itself failed (constraint or
 * referential integrity violations). This is where that is detected.
 */
public final class TransactReplies {
    private TransactReplies() {
    }

    /**
     * @param label names the client in errors
     * @throws OvsdbServerException naming the failing operation, the error and its details
     */
    public static TransactionResult parse(JsonNode result, List<Operation> ops, DatabaseSchema schema, String label) {
        if (result == null || !result.isArray()) {
            throw new OvsdbProtocolException(label + ": transact result must be an array but was "
                    + OvsdbJson.shorten(result));
        }
        for (int i = 0; i < result.size(); i++) {
            JsonNode el = result.get(i);
            if (el != null && el.isObject() && el.has("error")) {
                String error = el.get("error").asText(el.get("error").toString());
                String details = el.path("details").asText("");
                String what = i < ops.size() ? "operation " + i + " (" + ops.get(i).describe() + ")"
                        : "commit of " + ops.size() + " operations";
                throw new OvsdbServerException(label + ": transaction failed at " + what + ": " + error
                        + (details.isEmpty() ? "" : ": " + details), error, details, i < ops.size() ? i : -1);
            }
        }
        if (result.size() < ops.size()) {
            throw new OvsdbProtocolException(label + ": transact result has " + result.size() + " elements for "
                    + ops.size() + " operations");
        }
        List<OperationResult> out = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            out.add(operationResult(result.get(i), ops.get(i), schema, label));
        }
        return new TransactionResult(out);
    }

    private static OperationResult operationResult(JsonNode el, Operation op, DatabaseSchema schema, String label) {
        if (el == null || !el.isObject()) {
            return new OperationResult(null, -1, List.of());
        }
        Uuid uuid = null;
        if (el.has("uuid")) {
            uuid = (Uuid) OvsdbJson.decodeAtom(el.get("uuid"), AtomicType.UUID, label + " insert result");
        }
        long count = el.has("count") ? el.get("count").asLong(-1) : -1;
        List<Row> rows = new ArrayList<>();
        if (el.has("rows") && op instanceof Operation.Select s) {
            TableSchema table = schema.table(s.table());
            for (JsonNode r : el.get("rows")) {
                rows.add(row(s.table(), table, r, label));
            }
        }
        return new OperationResult(uuid, count, rows);
    }

    private static Row row(String tableName, TableSchema table, JsonNode json, String label) {
        Map<String, Object> cols = new LinkedHashMap<>();
        Uuid uuid = null;
        var it = json.fields();
        while (it.hasNext()) {
            var e = it.next();
            var type = table == null ? null : table.column(e.getKey());
            if (type == null) {
                continue;
            }
            Object v = OvsdbJson.decode(e.getValue(), type, label + " " + tableName + "." + e.getKey());
            if (e.getKey().equals("_uuid")) {
                uuid = (Uuid) v;
            } else {
                cols.put(e.getKey(), v);
            }
        }
        return new Row(tableName, uuid, cols);
    }
}
