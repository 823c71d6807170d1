package io.fedgate.hubclient.protocol;

import java.util.List;

/**
 * {@code GET /v1/audit?from=N&limit=M}: consecutive records from {@code N}.
 *
 * @param records consecutive records, oldest first; empty when {@code from} is past the head
 * @param headSeq the newest record's sequence number the answering member knows (0: none)
 */
public record AuditPage(List<AuditRecord> records, long headSeq) {
    public AuditPage {
        records = records == null ? List.of() : List.copyOf(records);
    }
}
