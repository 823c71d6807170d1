package io.fedgate.interconnect.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fedgate.interconnect.ovsdb.internal.OvsdbJson;
import io.fedgate.interconnect.ovsdb.internal.OvsdbSession;
import io.fedgate.interconnect.ovsdb.internal.Replica;
import io.fedgate.interconnect.ovsdb.internal.TransactReplies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A connection to one OVSDB database that stays up: it reconnects with backoff after the server goes away,
 * monitors again and rebuilds its replica. Thread-safe.
 *
 * <pre>{@code
 * OvsdbClientConfig cfg = OvsdbClientConfig.builder("OVN_IC_Northbound", OvsdbEndpoint.parseList("tcp:127.0.0.1:6645"))
 *         .monitor("Transit_Switch", "name", "external_ids").build();
 * try (OvsdbClient c = OvsdbClient.connect(cfg)) {
 *     c.transact(Operation.insert("Transit_Switch").with("name", "ts"));
 *     c.snapshot().findFirst("Transit_Switch", "name", "ts");
 * }
 * }</pre>
 */
public final class OvsdbClient implements AutoCloseable {
    private final OvsdbClientConfig config;
    private final Replica replica;
    private final OvsdbSession session;
    private final AtomicLong transactions = new AtomicLong();

    private OvsdbClient(OvsdbClientConfig config) {
        this.config = config;
        this.replica = new Replica(config.label(), config.monitored());
        this.session = new OvsdbSession(config, config.eventLoop() == null ? null : config.eventLoop().threads(), replica);
    }

    /**
     * Connects, checks the schema and fills the replica; blocks until done.
     *
     * @throws OvsdbConnectionException when no endpoint can be reached (or none is the cluster leader)
     * @throws OvsdbSchemaException     when a required table or column is missing
     * @throws OvsdbTimeoutException    when the server accepts the connection but does not answer
     */
    public static OvsdbClient connect(OvsdbClientConfig config) {
        OvsdbClient c = new OvsdbClient(config);
        c.session.start();
        return c;
    }

    /** The configuration this client was built with. */
    public OvsdbClientConfig config() {
        return config;
    }

    /** The label naming this client in logs and errors. */
    public String label() {
        return config.label();
    }

    /** The schema the server reported at the last connect. */
    public DatabaseSchema schema() {
        return session.schema();
    }

    /** The endpoint currently connected to, or null while reconnecting. */
    public OvsdbEndpoint connectedEndpoint() {
        return session.connectedTo();
    }

    /** True while connected. */
    public boolean isConnected() {
        return session.isConnected();
    }

    /** Connections made so far: 1 after {@link #connect}, one more per reconnect. */
    public long connectCount() {
        return session.connectCount();
    }

    /** Transactions sent by this client (successful or not). */
    public long transactionCount() {
        return transactions.get();
    }

    /** The replica's current content. */
    public DatabaseSnapshot snapshot() {
        return replica.snapshot();
    }

    /** Registers a listener for replica changes (see {@link ReplicaListener} for the threading rule). */
    public void addListener(ReplicaListener listener) {
        replica.addListener(listener);
    }

    public void removeListener(ReplicaListener listener) {
        replica.removeListener(listener);
    }

    /**
     * Completes with the first replica snapshot matching {@code condition}, or fails with
     * {@link OvsdbTimeoutException} after {@code timeout}.
     *
     * @param what describes the condition in the timeout error ("transit switch ts in az1 NB")
     */
    public CompletableFuture<DatabaseSnapshot> awaitSnapshot(Predicate<DatabaseSnapshot> condition, Duration timeout,
                                                             String what) {
        CompletableFuture<DatabaseSnapshot> f = replica.await(condition);
        CompletableFuture<DatabaseSnapshot> out = new CompletableFuture<>();
        f.whenComplete((s, e) -> {
            if (e != null) {
                out.completeExceptionally(e);
            } else {
                out.complete(s);
            }
        });
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (out.completeExceptionally(new OvsdbTimeoutException(config.label() + ": " + what + " did not hold within "
                    + timeout.toMillis() + " ms"))) {
                f.cancel(false);
            }
        });
        return out;
    }

    /**
     * Blocks until the replica matches {@code condition}, at most {@code timeout}.
     *
     * @return true when it matched in time, false when the time ran out
     * @throws OvsdbConnectionException when the calling thread is interrupted
     */
    public boolean waitFor(Predicate<DatabaseSnapshot> condition, Duration timeout) {
        try {
            awaitSnapshot(condition, timeout, "condition").get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OvsdbConnectionException(config.label() + ": interrupted while waiting on the replica", e);
        }
    }

    /** Runs {@code ops} as one transaction. */
    public CompletableFuture<TransactionResult> transactAsync(List<Operation> ops) {
        if (ops.isEmpty()) {
            throw new IllegalArgumentException(config.label() + ": a transaction needs at least one operation");
        }
        List<Operation> frozen = List.copyOf(ops);
        ArrayNode params = OvsdbJson.MAPPER.createArrayNode().add(config.database());
        frozen.forEach(op -> params.add(OvsdbJson.operation(op)));
        transactions.incrementAndGet();
        return session.call("transact", params).thenApply(result -> {
            try {
                return TransactReplies.parse(result, frozen, session.schema(), config.label());
            } catch (OvsdbServerException e) {
                if (e.isClusterError()) {
                    session.forceReconnect("cluster error: " + e.details());
                }
                throw e;
            }
        });
    }

    /**
     * Runs {@code ops} as one transaction and waits for the result.
     *
     * @throws OvsdbServerException when an operation or the commit failed (the message names which and why)
     */
    public TransactionResult transact(List<Operation> ops) {
        return session.await(transactAsync(ops), replyBound());
    }

    /** Varargs form of {@link #transact(List)}. */
    public TransactionResult transact(Operation... ops) {
        return transact(Arrays.asList(ops));
    }

    /** The databases the server serves ({@code list_dbs}). */
    public List<String> listDatabases() {
        JsonNode r = session.await(session.call("list_dbs", OvsdbJson.MAPPER.createArrayNode()), replyBound());
        List<String> out = new ArrayList<>();
        r.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Sends an {@code echo} and waits for it to come back. */
    public void echo() {
        session.await(session.call("echo", OvsdbJson.MAPPER.createArrayNode().add("fedgate")), replyBound());
    }

    /**
     * Whether another client holds the OVSDB lock {@code lockName} (RFC 7047 section 4.1.8), without keeping it:
     * the lock is asked for and given back at once, so a holder's standby (or a holder starting just then) gets
     * it a moment later as it would have anyway. Writes nothing to the database.
     */
    public boolean lockHeldElsewhere(String lockName) {
        JsonNode r = session.await(session.call("lock", OvsdbJson.MAPPER.createArrayNode().add(lockName)), replyBound());
        boolean ours = r.path("locked").asBoolean(false);
        // a lock not granted leaves this client queued for it: unlocking takes it out of the queue too
        session.await(session.call("unlock", OvsdbJson.MAPPER.createArrayNode().add(lockName)), replyBound());
        return !ours;
    }

    private Duration replyBound() {
        // waiting for a connection and for the reply are each bounded by the request timeout
        return config.requestTimeout().multipliedBy(2).plusSeconds(2);
    }

    /** Closes the connection; stops the I/O thread when the client started its own. */
    @Override
    public void close() {
        session.close();
    }
}
