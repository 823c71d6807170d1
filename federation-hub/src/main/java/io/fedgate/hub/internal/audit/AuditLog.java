package io.fedgate.hub.internal.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fedgate.hub.internal.sealing.SealedMap;
import io.fedgate.hub.internal.state.HubState;
import io.fedgate.hubclient.protocol.AuditChain;
import io.fedgate.hubclient.protocol.AuditPage;
import io.fedgate.hubclient.protocol.AuditRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's audit log: an append-only, hash-chained sequence of {@link AuditRecord}s in one cluster-wide map
 * (sequence number → record JSON), written by any member.
 *
 * <p><b>Single writer per position, without a lock.</b> Appending record {@code n} is
 * {@code putIfAbsent(n, record)}: the record itself claims its position, atomically on the partition owning
 * key {@code n}. A member that loses the race gets the winner's record back, chains after it and tries
 * {@code n + 1}. There is therefore never a sequence number without its record, even when a member dies in
 * the middle of an append (a separate counter, bumped before the record is written, could leave a gap that
 * breaks the chain for good). Each record's {@code previousHash} is the hash of the record it was chained
 * after, which can no longer change. Where to start looking is a per-member hint kept up to date from the
 * map's entry events.
 *
 * <p>A position holding a record that does not open (written by someone without the sealing keys) is skipped:
 * the next record chains after the last one that opened, and {@link #page} passes over it, so forged records
 * never show and never stop the log; the gap stays visible in the sequence numbers.
 */
public final class AuditLog implements AutoCloseable {
    /** The actor of the hub's own decisions. */
    public static final String HUB_ACTOR = "hub";
    /** The actor of calls without a verified certificate. */
    public static final String ANONYMOUS = "anonymous";

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final SealedMap<Long, byte[]> records;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final UUID listener;
    private final Object hintLock = new Object();
    private long hintSeq;
    private String hintHash = AuditChain.GENESIS;

    /** The audit log in {@code state}, records stamped with {@code clock}'s time. */
    public AuditLog(HubState state, ObjectMapper mapper, Clock clock) {
        this.records = state.audit();
        this.mapper = mapper;
        this.clock = clock;
        this.listener = records.listen((seq, json) -> advanceHint(decode(json)), true);
        initializeHint();
    }

    /**
     * Appends a record and returns it, sealed.
     *
     * @param actor   a SPIFFE id, {@link #HUB_ACTOR} or {@link #ANONYMOUS}
     * @param action  e.g. {@code inventory.put}
     * @param subject usually a cluster id, "" when none
     * @param details what changed
     */
    public AuditRecord append(String actor, String action, String subject, String details) {
        long seq;
        String previous;
        synchronized (hintLock) {
            seq = hintSeq + 1;
            previous = hintHash;
        }
        while (true) {
            AuditRecord record = AuditChain.seal(seq, clock.instant(), actor, action, subject == null ? "" : subject,
                    details == null ? "" : details, previous);
            SealedMap.Held<byte[]> existing = records.putIfAbsent(seq, encode(record));
            if (existing == null) {
                advanceHint(record);
                return record;
            }
            if (existing.refused()) {
                seq++;
                continue;
            }
            AuditRecord winner = decode(existing.value());
            advanceHint(winner);
            seq = winner.seq() + 1;
            previous = winner.hash();
        }
    }

    /**
     * The records among the {@code limit} positions from {@code from}, stopping at the first missing one past the
     * head (positions holding refused records are passed over).
     */
    public AuditPage page(long from, int limit) {
        long first = Math.max(1, from);
        Set<Long> keys = new HashSet<>();
        for (long seq = first; seq < first + limit; seq++) {
            keys.add(seq);
        }
        Map<Long, byte[]> found = records.getAll(keys);
        List<AuditRecord> page = new ArrayList<>();
        long head = headSeq();
        for (long seq = first; seq < first + limit && (found.containsKey(seq) || seq < head); seq++) {
            if (found.containsKey(seq)) {
                page.add(decode(found.get(seq)));
            }
        }
        return new AuditPage(page, headSeq());
    }

    /** The newest sequence number this member knows of. */
    public long headSeq() {
        synchronized (hintLock) {
            return hintSeq;
        }
    }

    /** Record {@code seq}, or null. */
    public AuditRecord get(long seq) {
        byte[] bytes = records.get(seq);
        return bytes == null ? null : decode(bytes);
    }

    /**
     * Stores a record read from a member's disk unless its position is taken by one that opens; true when
     * stored.
     */
    public boolean restore(AuditRecord record) {
        boolean stored = records.update(record.seq(), held -> held == null ? encode(record) : held);
        if (stored) {
            advanceHint(record);
        }
        return stored;
    }

    /** The JSON of a record, as stored and as written to the audit file. */
    public byte[] encode(AuditRecord record) {
        try {
            return mapper.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode audit record " + record.seq(), e);
        }
    }

    /** A record from its JSON. */
    public AuditRecord decode(byte[] json) {
        try {
            return mapper.readValue(json, AuditRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable audit record", e);
        }
    }

    @Override
    public void close() {
        records.unlisten(listener);
    }

    private void initializeHint() {
        // the head is the largest key whose record opens (forged ones past it do not); keySet is small (longs)
        for (long seq : records.keySet().stream().sorted(java.util.Comparator.reverseOrder()).toList()) {
            AuditRecord record = get(seq);
            if (record != null) {
                advanceHint(record);
                break;
            }
        }
        LOG.debug("audit log head at record {}", headSeq());
    }

    private void advanceHint(AuditRecord record) {
        synchronized (hintLock) {
            if (record.seq() > hintSeq) {
                hintSeq = record.seq();
                hintHash = record.hash();
            }
        }
    }
}
