package io.fedgate.hub.internal.state;

import io.fedgate.hub.internal.sealing.OwnerRead;

/**
 * An inventory's generation, read on its partition, so a heartbeat does not ship the whole inventory. One of the
 * few classes members accept by Java serialization ({@link HazelcastSetup#javaSerializationFilter}).
 */
public final class InventoryGeneration implements OwnerRead<StoredInventory, Long> {
    private static final long serialVersionUID = 2L;

    @Override
    public Long read(StoredInventory value) {
        return value.generation();
    }
}
