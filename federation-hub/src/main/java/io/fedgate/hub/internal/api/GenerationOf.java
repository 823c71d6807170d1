package io.fedgate.hub.internal.api;

import io.fedgate.hub.internal.sealing.OwnerRead;
import io.fedgate.hub.internal.state.StoredInventory;

/** An inventory's generation, read on its partition, so a heartbeat does not ship the whole inventory. */
final class GenerationOf implements OwnerRead<StoredInventory, Long> {
    private static final long serialVersionUID = 2L;

    @Override
    public Long read(StoredInventory value) {
        return value.generation();
    }
}
