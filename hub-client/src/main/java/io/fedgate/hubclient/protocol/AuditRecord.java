package io.fedgate.hubclient.protocol;

import java.time.Instant;

/**
 * One record of the hub's append-only, hash-chained audit log.
 *
 * @param seq          1, 2, 3, ... without gaps
 * @param time         when the hub member wrote it
 * @param actor        who: a SPIFFE id, {@code anonymous} for calls without a verified certificate, or
 *                     {@code hub} for the hub's own decisions (plan versions, lease expiries)
 * @param action       what kind of event, e.g. {@code inventory.put}, {@code plan.stamp}, {@code join},
 *                     {@code cluster.remove}, {@code authz.denied}
 * @param subject      what it concerns, usually a cluster id; empty when nothing in particular
 * @param details      what changed, in words
 * @param previousHash {@link #hash()} of record {@code seq - 1}, {@link AuditChain#GENESIS} for the first
 * @param hash         SHA-256 (hex) over every field above, see {@link AuditChain#hashOf}
 */
public record AuditRecord(long seq, Instant time, String actor, String action, String subject, String details,
                          String previousHash, String hash) {
}
