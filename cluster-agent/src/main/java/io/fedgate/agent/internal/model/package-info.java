/**
 * The agent's pure translation, with no Kubernetes client, Vert.x, Netty or Micrometer (an ArchUnit test
 * keeps it so): small records of what the informers observed ({@code Observed*}, {@link
 * io.fedgate.agent.internal.model.ClusterFacts}) go in; the cluster's inventory, the deltas to send, and the
 * desired state of every object the agent writes ({@code *State}) come out.
 *
 * <p>A {@code *State} record holds exactly the fields fedgate manages of one Kubernetes object. The edge maps
 * the desired record to an object to write and maps what the API server holds back to the same record, so
 * "does this object need a write?" is {@code desired.equals(observed)}: defaults the API server fills in and
 * fields other managers own never cause a write.
 *
 * <p>Everything here is deterministic: lists are sorted, so equal input gives equal output whatever the
 * order the informers delivered objects in.
 */
package io.fedgate.agent.internal.model;
