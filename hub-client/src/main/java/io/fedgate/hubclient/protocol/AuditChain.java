package io.fedgate.hubclient.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The hash chain of the audit log, shared by the hub (which seals records) and {@code fedgate ctl audit
 * verify} (which re-computes them).
 *
 * <p>A record's hash is the SHA-256, in lowercase hex, of its fields in this order: {@code seq},
 * {@code time} (ISO-8601), {@code actor}, {@code action}, {@code subject}, {@code details},
 * {@code previousHash}; each written as {@code <length in chars>:<text>\n}, so no two different records
 * encode alike. A record's {@code previousHash} is the hash of the record before it, {@link #GENESIS} for
 * record 1. Changing any field of any record therefore changes its hash, and either its stored hash or
 * the next record's {@code previousHash} no longer matches.
 */
public final class AuditChain {
    /** The {@code previousHash} of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /** Record {@code seq} with its hash computed. */
    public static AuditRecord seal(long seq, Instant time, String actor, String action, String subject,
                                   String details, String previousHash) {
        AuditRecord unsealed = new AuditRecord(seq, time, actor, action, subject, details, previousHash, null);
        return new AuditRecord(seq, time, actor, action, subject, details, previousHash, hashOf(unsealed));
    }

    /** The hash {@code record} should carry, computed from its other fields. */
    public static String hashOf(AuditRecord record) {
        StringBuilder canonical = new StringBuilder(256);
        field(canonical, Long.toString(record.seq()));
        field(canonical, record.time() == null ? "" : record.time().toString());
        field(canonical, record.actor());
        field(canonical, record.action());
        field(canonical, record.subject());
        field(canonical, record.details());
        field(canonical, record.previousHash());
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    private static void field(StringBuilder canonical, String text) {
        String value = text == null ? "" : text;
        canonical.append(value.length()).append(':').append(value).append('\n');
    }

    /** A verifier expecting record 1 first. */
    public static Verifier verifier() {
        return new Verifier(1, GENESIS);
    }

    /**
     * Checks records one at a time, in order, remembering only the last hash: a log of any length is
     * verified page by page in constant memory. The first broken record is reported and checking stops.
     */
    public static final class Verifier {
        private long expectedSeq;
        private String expectedPrevious;
        private long checked;
        private String problem;

        private Verifier(long firstSeq, String previousHash) {
            this.expectedSeq = firstSeq;
            this.expectedPrevious = previousHash;
        }

        /**
         * Checks the next record.
         *
         * @return false when this record (or an earlier one) broke the chain; {@link #problem()} says how
         */
        public boolean accept(AuditRecord record) {
            if (problem != null) {
                return false;
            }
            Objects.requireNonNull(record, "record");
            if (record.seq() != expectedSeq) {
                problem = "record " + expectedSeq + " is missing: the next record is " + record.seq();
                return false;
            }
            if (!expectedPrevious.equals(record.previousHash())) {
                problem = "record " + record.seq() + " is broken: previousHash " + record.previousHash()
                        + " is not the hash of record " + (record.seq() - 1) + " (" + expectedPrevious + ")";
                return false;
            }
            String computed = hashOf(record);
            if (!computed.equals(record.hash())) {
                problem = "record " + record.seq() + " is broken: stored hash " + record.hash()
                        + " does not match its content (computed " + computed + ")";
                return false;
            }
            checked++;
            expectedSeq++;
            expectedPrevious = record.hash();
            return true;
        }

        /** How many records passed. */
        public long checked() {
            return checked;
        }

        /** The hash of the last record that passed, {@link #GENESIS} before any. */
        public String headHash() {
            return expectedPrevious;
        }

        /** Why the chain is broken, naming the first broken record; null while intact. */
        public String problem() {
            return problem;
        }

        /** True while every record so far passed. */
        public boolean intact() {
            return problem == null;
        }
    }
}
