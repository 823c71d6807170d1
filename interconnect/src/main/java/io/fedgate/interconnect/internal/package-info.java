/**
 * The reconcilers behind {@code InterconnectReconciler}, no API promise. Desired state comes from pure
 * classes ({@link io.fedgate.interconnect.internal.ZoneDesiredState}, {@link io.fedgate.interconnect.internal.PlanValidator},
 * {@link io.fedgate.interconnect.internal.DenylistOption}); every write goes through one generic path,
 * {@link io.fedgate.interconnect.internal.RowWriter#reconcile}, whose result (noop, created, patched,
 * deleted) is what makes a second apply write nothing. Reconcilers are flat chains of named steps, each one
 * transaction, each safe to re-run.
 */
package io.fedgate.interconnect.internal;
