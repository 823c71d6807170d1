package io.fedgate.interconnect.ovsdb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedgate.interconnect.ovsdb.ColumnType;
import io.fedgate.interconnect.ovsdb.DatabaseSchema;
import io.fedgate.interconnect.ovsdb.DatabaseSnapshot;
import io.fedgate.interconnect.ovsdb.MonitoredTable;
import io.fedgate.interconnect.ovsdb.OvsdbProtocolException;
import io.fedgate.interconnect.ovsdb.ReplicaListener;
import io.fedgate.interconnect.ovsdb.Row;
import io.fedgate.interconnect.ovsdb.RowChange;
import io.fedgate.interconnect.ovsdb.TableSchema;
import io.fedgate.interconnect.ovsdb.Uuid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory copy of the monitored tables. Writes come from one connection's I/O thread (the
 * {@code monitor_cond} reply, then {@code update2} notifications); reads take an immutable
 * {@link DatabaseSnapshot} from any thread. After a reconnect, {@link #resync} replaces the content with
 * the new initial state and reports only the difference, so rows are never duplicated and listeners see
 * what changed while the connection was down.
 */
public final class Replica {
    private static final Logger LOG = LoggerFactory.getLogger(Replica.class);

    private final String label;
    private final Map<String, MonitoredTable> monitored = new LinkedHashMap<>();
    private final List<ReplicaListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private volatile DatabaseSnapshot snapshot = DatabaseSnapshot.empty();

    private record Waiter(Predicate<DatabaseSnapshot> condition, CompletableFuture<DatabaseSnapshot> future) {
    }

    public Replica(String label, List<MonitoredTable> monitored) {
        this.label = label;
        monitored.forEach(m -> this.monitored.put(m.table(), m));
    }

    /** The current content. */
    public DatabaseSnapshot snapshot() {
        return snapshot;
    }

    public void addListener(ReplicaListener l) {
        listeners.add(Objects.requireNonNull(l));
    }

    public void removeListener(ReplicaListener l) {
        listeners.remove(l);
    }

    /**
     * Completes with the first snapshot (now or later) matching {@code condition}. The caller bounds the
     * wait (e.g. {@code orTimeout}); a completed or cancelled future is forgotten at the next change.
     */
    public CompletableFuture<DatabaseSnapshot> await(Predicate<DatabaseSnapshot> condition) {
        CompletableFuture<DatabaseSnapshot> f = new CompletableFuture<>();
        synchronized (this) {
            DatabaseSnapshot now = snapshot;
            if (condition.test(now)) {
                f.complete(now);
                return f;
            }
            waiters.add(new Waiter(condition, f));
        }
        return f;
    }

    /** Replaces the content with a {@code monitor_cond} reply, reporting the difference to the old content. */
    public synchronized void resync(DatabaseSchema schema, JsonNode initial) {
        Map<String, Map<Uuid, Row>> fresh = new LinkedHashMap<>();
        for (String table : monitored.keySet()) {
            fresh.put(table, new LinkedHashMap<>());
        }
        apply(schema, initial, fresh, new ArrayList<>());
        DatabaseSnapshot old = snapshot;
        List<RowChange> changes = new ArrayList<>();
        for (String table : monitored.keySet()) {
            Map<Uuid, Row> now = fresh.get(table);
            for (Row before : old.rows(table)) {
                Row after = now.get(before.uuid());
                if (after == null) {
                    changes.add(new RowChange(RowChange.Kind.DELETED, table, before, null));
                } else if (!after.equals(before)) {
                    changes.add(new RowChange(RowChange.Kind.MODIFIED, table, before, after));
                }
            }
            for (Row after : now.values()) {
                if (old.row(table, after.uuid()).isEmpty()) {
                    changes.add(new RowChange(RowChange.Kind.INSERTED, table, null, after));
                }
            }
        }
        publish(freeze(fresh), changes);
    }

    /** Applies one {@code update2} notification's table-updates. */
    public synchronized void applyUpdate2(DatabaseSchema schema, JsonNode tableUpdates) {
        Map<String, Map<Uuid, Row>> tables = new LinkedHashMap<>();
        DatabaseSnapshot old = snapshot;
        for (String table : monitored.keySet()) {
            Map<Uuid, Row> copy = new LinkedHashMap<>();
            old.rows(table).forEach(r -> copy.put(r.uuid(), r));
            tables.put(table, copy);
        }
        List<RowChange> changes = new ArrayList<>();
        apply(schema, tableUpdates, tables, changes);
        publish(freeze(tables), changes);
    }

    private void apply(DatabaseSchema schema, JsonNode tableUpdates, Map<String, Map<Uuid, Row>> tables,
                       List<RowChange> changes) {
        if (tableUpdates == null || tableUpdates.isNull()) {
            return;
        }
        if (!tableUpdates.isObject()) {
            throw new OvsdbProtocolException(label + ": table-updates2 must be an object but was "
                    + OvsdbJson.shorten(tableUpdates));
        }
        var tablesIt = tableUpdates.fields();
        while (tablesIt.hasNext()) {
            var t = tablesIt.next();
            String table = t.getKey();
            Map<Uuid, Row> rows = tables.get(table);
            TableSchema ts = schema.table(table);
            if (rows == null || ts == null) {
                LOG.debug("[{}] update for unmonitored table {} ignored", label, table);
                continue;
            }
            if (!t.getValue().isObject()) {
                throw new OvsdbProtocolException(label + ": updates of table " + table + " must be an object");
            }
            var rowIt = t.getValue().fields();
            while (rowIt.hasNext()) {
                var r = rowIt.next();
                Uuid uuid;
                try {
                    uuid = new Uuid(r.getKey());
                } catch (IllegalArgumentException e) {
                    throw new OvsdbProtocolException(label + ": row key in " + table + ": " + e.getMessage());
                }
                applyRow(table, ts, uuid, r.getValue(), rows, changes);
            }
        }
    }

    private void applyRow(String table, TableSchema ts, Uuid uuid, JsonNode update, Map<Uuid, Row> rows,
                          List<RowChange> changes) {
        Row before = rows.get(uuid);
        if (update.has("initial") || update.has("insert")) {
            JsonNode values = update.has("initial") ? update.get("initial") : update.get("insert");
            Map<String, Object> cols = defaults(table, ts);
            overlay(table, ts, values, cols, null);
            Row after = new Row(table, uuid, cols);
            rows.put(uuid, after);
            changes.add(before == null ? new RowChange(RowChange.Kind.INSERTED, table, null, after)
                    : new RowChange(RowChange.Kind.MODIFIED, table, before, after));
        } else if (update.has("modify")) {
            if (before == null) {
                LOG.warn("[{}] modify of unknown row {} in {} ignored", label, uuid, table);
                return;
            }
            Map<String, Object> cols = new LinkedHashMap<>(before.columns());
            overlay(table, ts, update.get("modify"), cols, before);
            Row after = new Row(table, uuid, cols);
            rows.put(uuid, after);
            changes.add(new RowChange(RowChange.Kind.MODIFIED, table, before, after));
        } else if (update.has("delete")) {
            if (rows.remove(uuid) != null) {
                changes.add(new RowChange(RowChange.Kind.DELETED, table, before, null));
            }
        } else {
            throw new OvsdbProtocolException(label + ": row update for " + table + " " + uuid
                    + " has none of initial/insert/modify/delete: " + OvsdbJson.shorten(update));
        }
    }

    private Map<String, Object> defaults(String table, TableSchema ts) {
        Map<String, Object> cols = new LinkedHashMap<>();
        for (String c : monitored.get(table).columns()) {
            ColumnType type = ts.column(c);
            if (type != null) {
                cols.put(c, type.defaultValue());
            }
        }
        return cols;
    }

    /** Writes {@code values} into {@code cols}; with {@code before}, values are update2 diffs. */
    private void overlay(String table, TableSchema ts, JsonNode values, Map<String, Object> cols, Row before) {
        if (values == null || !values.isObject()) {
            throw new OvsdbProtocolException(label + ": row values of " + table + " must be an object but were "
                    + OvsdbJson.shorten(values));
        }
        var it = values.fields();
        while (it.hasNext()) {
            var e = it.next();
            String column = e.getKey();
            ColumnType type = ts.column(column);
            if (type == null || !cols.containsKey(column)) {
                continue;
            }
            Object decoded = OvsdbJson.decode(e.getValue(), type, label + " " + table + "." + column);
            cols.put(column, before == null ? decoded : applyDiff(type, cols.get(column), decoded));
        }
    }

    /**
     * update2 "modify" semantics: a scalar is replaced; a set is toggled by each element of the diff (symmetric
     * difference); a map entry in the diff is added when its key is new, removed when key and value match the
     * old entry, and replaced when only the key matches.
     */
    static Object applyDiff(ColumnType type, Object old, Object diff) {
        if (type.isMap()) {
            Map<Object, Object> out = new LinkedHashMap<>((Map<?, ?>) old);
            ((Map<?, ?>) diff).forEach((k, v) -> {
                if (out.containsKey(k) && Objects.equals(out.get(k), v)) {
                    out.remove(k);
                } else {
                    out.put(k, v);
                }
            });
            return java.util.Collections.unmodifiableMap(out);
        }
        if (type.isSet()) {
            Set<Object> out = new LinkedHashSet<>((Set<?>) old);
            for (Object e : (Set<?>) diff) {
                if (!out.remove(e)) {
                    out.add(e);
                }
            }
            return java.util.Collections.unmodifiableSet(out);
        }
        return diff;
    }

    private static DatabaseSnapshot freeze(Map<String, Map<Uuid, Row>> tables) {
        Map<String, Map<Uuid, Row>> frozen = new HashMap<>();
        tables.forEach((t, rows) -> frozen.put(t, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows))));
        return new DatabaseSnapshot(frozen);
    }

    private void publish(DatabaseSnapshot next, List<RowChange> changes) {
        snapshot = next;
        if (!changes.isEmpty()) {
            List<RowChange> view = List.copyOf(changes);
            for (ReplicaListener l : listeners) {
                try {
                    l.onChanges(view, next);
                } catch (RuntimeException e) {
                    LOG.warn("[{}] replica listener {} failed: {}", label, l, e.toString(), e);
                }
            }
        }
        Iterator<Waiter> it = waiters.iterator();
        while (it.hasNext()) {
            Waiter w = it.next();
            if (w.future().isDone()) {
                it.remove();
            } else {
                try {
                    if (w.condition().test(next)) {
                        it.remove();
                        w.future().complete(next);
                    }
                } catch (RuntimeException e) {
                    it.remove();
                    w.future().completeExceptionally(e);
                }
            }
        }
    }
}
