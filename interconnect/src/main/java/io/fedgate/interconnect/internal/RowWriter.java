package io.fedgate.interconnect.internal;

import io.fedgate.interconnect.Change;
import io.fedgate.interconnect.ForeignRowException;
import io.fedgate.interconnect.ovsdb.Condition;
import io.fedgate.interconnect.ovsdb.DatabaseSnapshot;
import io.fedgate.interconnect.ovsdb.Mutation;
import io.fedgate.interconnect.ovsdb.NamedUuid;
import io.fedgate.interconnect.ovsdb.Operation;
import io.fedgate.interconnect.ovsdb.OvsdbValues;
import io.fedgate.interconnect.ovsdb.Row;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one write path: compares desired rows with a snapshot of the database and collects the operations
 * (and the {@link Change}s) that close the gap, for one transaction. {@link #reconcile} returns what it did:
 * NOOP when the row already is as desired, which is why a second apply writes nothing.
 */
public final class RowWriter {
    private final DatabaseSnapshot snapshot;
    private final String database;
    private final List<Operation> ops = new ArrayList<>();
    private final List<Change> changes = new ArrayList<>();
    private final Map<String, NamedUuid> created = new LinkedHashMap<>();
    private int names;

    /**
     * @param snapshot what the database holds now (the client's replica)
     * @param database names the database in changes and errors ("az1 NB")
     */
    public RowWriter(DatabaseSnapshot snapshot, String database) {
        this.snapshot = snapshot;
        this.database = database;
    }

    /** The snapshot this writer compares against. */
    public DatabaseSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Makes the row of {@code kind} named {@code key} look like {@code desired} (marked as ours), or deletes
     * it when {@code desired} is null and it is ours.
     *
     * @param parent for non-root kinds, the row that must reference it (ignored on delete)
     * @throws ForeignRowException when a row with that name exists and is not ours (nothing is collected for it)
     */
    public WriteResult reconcile(RowKind kind, Parent parent, String key, DesiredRow desired) {
        Row actual = snapshot.findFirst(kind.table(), kind.keyColumn(), key).orElse(null);
        if (desired == null) {
            return actual == null || !Ownership.owned(actual) ? WriteResult.NOOP : delete(kind, actual);
        }
        if (kind.hasParent() && parent == null) {
            throw new IllegalArgumentException(kind.table() + " " + key + " needs a " + kind.parentTable());
        }
        DesiredRow ours = desired.owned();
        if (actual == null) {
            return create(kind, parent, key, ours);
        }
        if (!Ownership.owned(actual)) {
            // the comparison collects operations as a side effect; none of them may be sent for a foreign row
            int mark = ops.size();
            List<String> differences = new ArrayList<>();
            patchColumns(kind.table(), actual, ours, differences);
            ops.subList(mark, ops.size()).clear();
            throw new ForeignRowException(database, kind.table(), key, differences);
        }
        List<String> detail = new ArrayList<>();
        if (kind.hasParent()) {
            reparent(kind, actual, parent, detail);
        }
        WriteResult r = patchColumns(kind.table(), actual, ours, detail);
        if (r == WriteResult.NOOP && detail.isEmpty()) {
            return WriteResult.NOOP;
        }
        changes.add(new Change(database, kind.table(), key, Change.Kind.PATCHED, String.join("; ", detail)));
        return WriteResult.PATCHED;
    }

    /**
     * The row of {@code kind} named {@code key} as a parent: inserted earlier by this writer, or found in the
     * snapshot; empty when neither.
     */
    public java.util.Optional<Parent> parent(RowKind kind, String key) {
        NamedUuid n = created.get(kind.table() + "/" + key);
        if (n != null) {
            return java.util.Optional.of(new Parent(null, n, key));
        }
        return snapshot.findFirst(kind.table(), kind.keyColumn(), key).map(r -> Parent.of(r, kind.keyColumn()));
    }

    /**
     * Patches a row that is not ours to own (such as the NB_Global singleton): only the desired columns and
     * map keys are written; the row is never created or deleted.
     */
    public WriteResult patch(String table, Row actual, String label, DesiredRow desired) {
        List<String> detail = new ArrayList<>();
        WriteResult r = patchColumns(table, actual, desired, detail);
        if (r == WriteResult.PATCHED) {
            changes.add(new Change(database, table, label, Change.Kind.PATCHED, String.join("; ", detail)));
        }
        return r;
    }

    /** Deletes every row among {@code candidates} that is ours and whose key is not in {@code keep}. */
    public int pruneOwned(RowKind kind, Collection<Row> candidates, Set<String> keep) {
        int n = 0;
        for (Row r : candidates) {
            if (Ownership.owned(r) && !keep.contains(r.string(kind.keyColumn()))) {
                delete(kind, r);
                n++;
            }
        }
        return n;
    }

    /**
     * Deletes {@code row} whoever made it, dropping every reference to it first. Only {@code leave} uses this
     * on rows that are not ours (what ovn-ic made for the leaving AZ).
     */
    public WriteResult delete(RowKind kind, Row row) {
        if (kind.hasParent()) {
            for (Row p : parentsOf(kind, row)) {
                ops.add(Operation.mutate(kind.parentTable(), List.of(Condition.uuidIs(p.uuid())))
                        .with(Mutation.delete(kind.parentColumn(), OvsdbValues.set(row.uuid()))));
            }
        }
        ops.add(Operation.delete(kind.table(), List.of(Condition.uuidIs(row.uuid()))));
        String name = kind.keyColumn() == null ? row.uuid().value() : row.string(kind.keyColumn());
        changes.add(new Change(database, kind.table(), name, Change.Kind.DELETED, ""));
        return WriteResult.DELETED;
    }

    /** Operations collected so far, in order. */
    public List<Operation> operations() {
        return List.copyOf(ops);
    }

    /** Changes collected so far, in order. */
    public List<Change> changes() {
        return List.copyOf(changes);
    }

    /** True when nothing needs writing. */
    public boolean isEmpty() {
        return ops.isEmpty();
    }

    private WriteResult create(RowKind kind, Parent parent, String key, DesiredRow desired) {
        String name = "row" + (names++);
        created.put(kind.table() + "/" + key, new NamedUuid(name));
        Map<String, Object> row = new LinkedHashMap<>(desired.columns());
        row.put(kind.keyColumn(), key);
        desired.mapKeys().forEach((column, entries) -> {
            Map<Object, Object> present = new LinkedHashMap<>();
            entries.forEach((k, v) -> {
                if (v != null) {
                    present.put(k, v);
                }
            });
            row.put(column, present);
        });
        ops.add(Operation.insert(kind.table()).withAll(row).uuidName(name));
        if (kind.hasParent()) {
            if (!parent.isNew()) {
                // fails the transaction if the parent vanished since the snapshot, instead of orphaning the new row
                String parentKey = kind.parentKeyColumn();
                ops.add(Operation.Wait.untilEqual(kind.parentTable(), List.of(Condition.eq("_uuid", parent.ref())),
                        List.of(parentKey), List.of(Map.of(parentKey, parent.name()))));
            }
            ops.add(Operation.mutate(kind.parentTable(), List.of(Condition.eq("_uuid", parent.ref())))
                    .with(Mutation.insert(kind.parentColumn(), OvsdbValues.set(new NamedUuid(name)))));
        }
        changes.add(new Change(database, kind.table(), key, Change.Kind.CREATED,
                kind.hasParent() ? "in " + kind.parentTable() + " " + parent.name() : ""));
        return WriteResult.CREATED;
    }

    private void reparent(RowKind kind, Row actual, Parent parent, List<String> detail) {
        List<Row> parents = parentsOf(kind, actual);
        if (parents.stream().anyMatch(p -> p.uuid().equals(parent.uuid()))) {
            return;
        }
        for (Row p : parents) {
            ops.add(Operation.mutate(kind.parentTable(), List.of(Condition.uuidIs(p.uuid())))
                    .with(Mutation.delete(kind.parentColumn(), OvsdbValues.set(actual.uuid()))));
        }
        ops.add(Operation.mutate(kind.parentTable(), List.of(Condition.eq("_uuid", parent.ref())))
                .with(Mutation.insert(kind.parentColumn(), OvsdbValues.set(actual.uuid()))));
        detail.add("moved to " + kind.parentTable() + " " + parent.name());
    }

    private WriteResult patchColumns(String table, Row actual, DesiredRow desired, List<String> detail) {
        Operation.Update update = Operation.update(table, List.of(Condition.uuidIs(actual.uuid())));
        for (Map.Entry<String, Object> e : desired.columns().entrySet()) {
            Object have = actual.get(e.getKey());
            if (!Objects.equals(have, e.getValue())) {
                update = update.with(e.getKey(), e.getValue());
                detail.add(e.getKey() + ": " + show(have) + " -> " + show(e.getValue()));
            }
        }
        Operation.Mutate mutate = Operation.mutate(table, List.of(Condition.uuidIs(actual.uuid())));
        for (Map.Entry<String, Map<String, String>> e : desired.mapKeys().entrySet()) {
            String column = e.getKey();
            Map<String, String> current = actual.stringMap(column);
            Set<Object> remove = new LinkedHashSet<>();
            Map<Object, Object> add = new LinkedHashMap<>();
            e.getValue().forEach((k, want) -> {
                String have = current.get(k);
                if (Objects.equals(have, want)) {
                    return;
                }
                if (have != null) {
                    remove.add(k);
                }
                if (want != null) {
                    add.put(k, want);
                }
                detail.add(column + ":" + k + ": " + show(have) + " -> " + show(want));
            });
            // a map "insert" never overwrites an existing key, so a changed value is deleted first
            if (!remove.isEmpty()) {
                mutate = mutate.with(Mutation.delete(column, remove));
            }
            if (!add.isEmpty()) {
                mutate = mutate.with(Mutation.insert(column, add));
            }
        }
        if (!update.row().isEmpty()) {
            ops.add(update);
        }
        if (!mutate.mutations().isEmpty()) {
            ops.add(mutate);
        }
        return update.row().isEmpty() && mutate.mutations().isEmpty() ? WriteResult.NOOP : WriteResult.PATCHED;
    }

    private List<Row> parentsOf(RowKind kind, Row row) {
        return snapshot.find(kind.parentTable(), p -> p.uuidSet(kind.parentColumn()).contains(row.uuid()));
    }

    private static String show(Object v) {
        if (v == null) {
            return "(none)";
        }
        if (v instanceof String s) {
            return s.isEmpty() ? "\"\"" : s;
        }
        return String.valueOf(v);
    }
}
