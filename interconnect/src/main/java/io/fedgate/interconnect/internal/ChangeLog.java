package io.fedgate.interconnect.internal;

import io.fedgate.interconnect.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collects the changes and the transaction count of one pass over one database (passes over different
 * AZs run in parallel, each with its own log), and adds them to the reconciler's lifetime counters.
 */
public final class ChangeLog {
    private final AtomicLong totalWrites;
    private final AtomicLong totalTransactions;
    private final List<Change> changes = new ArrayList<>();
    private int transactions;

    public ChangeLog(AtomicLong totalWrites, AtomicLong totalTransactions) {
        this.totalWrites = totalWrites;
        this.totalTransactions = totalTransactions;
    }

    /** Records one committed transaction and its changes. */
    public synchronized void committed(List<Change> written) {
        changes.addAll(written);
        transactions++;
        totalWrites.addAndGet(written.size());
        totalTransactions.incrementAndGet();
    }

    public synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    public synchronized int transactions() {
        return transactions;
    }
}
