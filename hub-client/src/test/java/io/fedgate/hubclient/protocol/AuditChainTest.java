package io.fedgate.hubclient.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditChainTest {
    private static List<AuditRecord> chain(int length) {
        List<AuditRecord> records = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (int seq = 1; seq <= length; seq++) {
            AuditRecord record = AuditChain.seal(seq, Instant.ofEpochSecond(1_700_000_000L + seq),
                    "spiffe://set/cluster/east/agent", "inventory.put", "east", "generation " + seq, previous);
            records.add(record);
            previous = record.hash();
        }
        return records;
    }

    private static AuditChain.Verifier verify(List<AuditRecord> records) {
        AuditChain.Verifier verifier = AuditChain.verifier();
        records.forEach(verifier::accept);
        return verifier;
    }

    @Test
    void intactChainVerifiesToItsHeadHash() {
        List<AuditRecord> records = chain(5);

        AuditChain.Verifier verifier = verify(records);

        assertThat(verifier.intact()).isTrue();
        assertThat(verifier.checked()).isEqualTo(5);
        assertThat(verifier.headHash()).isEqualTo(records.get(4).hash());
    }

    @Test
    void tamperedRecordIsNamedByItsSequenceNumber() {
        List<AuditRecord> records = chain(5);
        AuditRecord original = records.get(2);
        records.set(2, new AuditRecord(original.seq(), original.time(), original.actor(), original.action(),
                original.subject(), "generation 99", original.previousHash(), original.hash()));

        AuditChain.Verifier verifier = verify(records);

        assertThat(verifier.intact()).isFalse();
        assertThat(verifier.checked()).isEqualTo(2);
        assertThat(verifier.problem()).startsWith("record 3 is broken: stored hash");
    }

    @Test
    void resealedTamperedRecordBreaksTheNextOnesLink() {
        List<AuditRecord> records = chain(5);
        AuditRecord original = records.get(2);
        records.set(2, AuditChain.seal(original.seq(), original.time(), "spiffe://set/admin/mallory", original.action(),
                original.subject(), original.details(), original.previousHash()));

        AuditChain.Verifier verifier = verify(records);

        assertThat(verifier.problem()).startsWith("record 4 is broken: previousHash");
    }

    @Test
    void missingRecordIsNamed() {
        List<AuditRecord> records = chain(5);
        records.remove(1);

        assertThat(verify(records).problem()).isEqualTo("record 2 is missing: the next record is 3");
    }

    @Test
    void fieldBoundariesCannotBeShiftedWithoutChangingTheHash() {
        AuditRecord a = AuditChain.seal(1, Instant.EPOCH, "ab", "c", "", "", AuditChain.GENESIS);
        AuditRecord b = AuditChain.seal(1, Instant.EPOCH, "a", "bc", "", "", AuditChain.GENESIS);

        assertThat(a.hash()).isNotEqualTo(b.hash());
    }
}
