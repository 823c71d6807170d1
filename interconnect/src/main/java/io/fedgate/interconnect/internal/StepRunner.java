package io.fedgate.interconnect.internal;

import io.fedgate.interconnect.ovsdb.Operation;
import io.fedgate.interconnect.ovsdb.OvsdbClient;
import io.fedgate.interconnect.ovsdb.OvsdbServerException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one reconcile step: builds a {@link RowWriter} over the client's current replica, lets the step fill
 * it, and commits what it collected as one transaction (none when nothing differs). A transaction the server
 * refuses (someone else wrote in between; a cluster lost its leader) is retried with a fresh replica, a
 * bounded number of times.
 */
public final class StepRunner {
    /** Attempts per step before the server's error is passed on. */
    public static final int MAX_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);

    private final OvsdbClient client;
    private final ChangeLog log;
    private final String context;

    /**
     * @param context correlation for logs and transaction comments, e.g. "plan 7 az1"
     */
    public StepRunner(OvsdbClient client, ChangeLog log, String context) {
        this.client = client;
        this.log = log;
        this.context = context;
    }

    /** The client this runner writes through. */
    public OvsdbClient client() {
        return client;
    }

    /**
     * A runner on the same client whose writes stay out of the pass's change log: for bookkeeping that is not
     * part of the plan (waking a stalled ovn-ic), which must not count as rows the plan changed.
     */
    public StepRunner uncounted() {
        return new StepRunner(client, new ChangeLog(new AtomicLong(), new AtomicLong()), context);
    }

    /** Runs step {@code name}. */
    public void run(String name, Consumer<RowWriter> step) {
        for (int attempt = 1; ; attempt++) {
            RowWriter writer = new RowWriter(client.snapshot(), client.label());
            step.accept(writer);
            if (writer.isEmpty()) {
                return;
            }
            List<Operation> ops = new ArrayList<>();
            ops.add(new Operation.Comment("fedgate " + context + ": " + name));
            ops.addAll(writer.operations());
            try {
                client.transact(ops);
                log.committed(writer.changes());
                writer.changes().forEach(c -> LOG.info("[{}] {}", context, c.render()));
                return;
            } catch (OvsdbServerException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                LOG.info("[{}] step {} refused by {} ({}); retrying with a fresh replica", context, name,
                        client.label(), e.getMessage());
                // an echo round trip: every update the server sent before its reply is in the replica after it
                client.echo();
            }
        }
    }
}
