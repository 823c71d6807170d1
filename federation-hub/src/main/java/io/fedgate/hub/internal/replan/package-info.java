/**
 * Planning at run time: the leader's debounced {@link io.fedgate.hub.internal.replan.Replanner}, leases
 * ({@link io.fedgate.hub.internal.replan.LeaseTable}, pure), version stamping
 * ({@link io.fedgate.hub.internal.replan.PlanStamper}, pure) and every member's
 * {@link io.fedgate.hub.internal.replan.PlanFeed}, which says why plan history is a ring buffer per cluster.
 */
package io.fedgate.hub.internal.replan;
