/**
 * The federation contract every fedgate component speaks.
 *
 * <ul>
 *   <li>{@link io.fedgate.api.model}: immutable records for inventories (what a cluster has) and plans
 *       (what the hub decided a cluster should do);</li>
 *   <li>{@link io.fedgate.api.net}: address values (CIDRs) with overlap arithmetic;</li>
 *   <li>{@code io.fedgate.api.codec}: JSON codecs that validate strictly and name every bad field;</li>
 *   <li>{@code io.fedgate.api.topology}: the YAML topology file describing a whole federation;</li>
 *   <li>{@code io.fedgate.api.pki}: the cluster set's CA and SPIFFE identities.</li>
 * </ul>
 * This module depends on no other fedgate module; every other module depends on it.
 */
package io.fedgate.api;
