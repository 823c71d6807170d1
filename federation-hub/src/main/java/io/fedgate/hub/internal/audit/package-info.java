/**
 * The audit log: hash-chained records appended by any member without a lock
 * ({@link io.fedgate.hub.internal.audit.AuditLog}), and each member's copy on disk
 * ({@link io.fedgate.hub.internal.audit.AuditFile}).
 */
package io.fedgate.hub.internal.audit;
