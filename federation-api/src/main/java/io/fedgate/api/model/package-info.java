/**
 * Immutable model of the federation: what each cluster reports ({@link io.fedgate.api.model.ClusterInventory})
 * and what the hub decides for it ({@link io.fedgate.api.model.ClusterPlan}).
 *
 * <p>Records here hold values only; they normalize null collections to empty ones and copy lists so
 * they are safely shared, but they do not validate. Validation that reports every problem with its
 * field path lives in {@code io.fedgate.api.codec}, at the door where documents come in.
 */
package io.fedgate.api.model;
