package io.fedgate.interconnect.ovsdb;

import java.util.List;

/**
 * The result of one successful operation.
 *
 * @param uuid  the new row's identity (insert), else null
 * @param count rows matched (update, mutate, delete), else -1
 * @param rows  rows selected (select), else empty
 */
public record OperationResult(Uuid uuid, long count, List<Row> rows) {
    public OperationResult {
        rows = rows == null ? List.of() : List.copyOf(rows);
    }
}
