/**
 * The hub's distributed state ({@link io.fedgate.hub.internal.state.HubState}): Hazelcast structures with
 * synchronous backups, the values stored in them, generation-checked inventory writes, and the files that
 * keep what only the hub decides on every member's disk ({@link io.fedgate.hub.internal.state.StateFiles}).
 */
package io.fedgate.hub.internal.state;
