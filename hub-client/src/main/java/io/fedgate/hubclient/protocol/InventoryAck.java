package io.fedgate.hubclient.protocol;

/**
 * The hub stored an inventory write.
 *
 * @param generation the generation the hub now holds
 * @param changed    false when the write repeated what the hub already held
 */
public record InventoryAck(String clusterId, long generation, boolean changed) {
}
