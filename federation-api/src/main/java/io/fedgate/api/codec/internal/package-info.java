/**
 * Machinery behind {@link io.fedgate.api.codec}: bounded stream reading, the Jackson module that gives
 * CIDRs, instants and enums their wire form, how values are shown in messages, and "did you mean"
 * suggestions. No compatibility promise; use the public codec package instead.
 */
package io.fedgate.api.codec.internal;
