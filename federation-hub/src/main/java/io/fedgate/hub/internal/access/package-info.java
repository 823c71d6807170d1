/**
 * Who may do what: {@link io.fedgate.hub.internal.access.AccessPolicy} decides from a verified SPIFFE id
 * alone (pure), and join tokens follow {@link io.fedgate.hub.internal.access.JoinTokenRules} (pure), stored
 * by SHA-256 and redeemed atomically on their partition.
 */
package io.fedgate.hub.internal.access;
