package io.fedgate.hub.internal.api;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import io.fedgate.hub.internal.state.StoredInventory;
import java.util.Map;

/** Reads an inventory's generation on its partition, so a heartbeat does not ship the whole inventory. */
final class GenerationOf implements EntryProcessor<String, StoredInventory, Long>, ReadOnly {
    private static final long serialVersionUID = 1L;

    @Override
    public Long process(Map.Entry<String, StoredInventory> entry) {
        return entry.getValue() == null ? null : entry.getValue().generation();
    }

    @Override
    public EntryProcessor<String, StoredInventory, Long> getBackupProcessor() {
        return null;
    }
}
