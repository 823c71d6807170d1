package io.fedgate.interconnect.ovsdb;

import java.util.List;

/** The results of a successful transaction, one per operation, in order. */
public record TransactionResult(List<OperationResult> results) {
    public TransactionResult {
        results = List.copyOf(results);
    }

    /** The result of operation {@code index}. */
    public OperationResult get(int index) {
        return results.get(index);
    }
}
