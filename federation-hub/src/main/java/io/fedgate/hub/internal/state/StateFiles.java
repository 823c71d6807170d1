package io.fedgate.hub.internal.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fedgate.hub.internal.sealing.SealedMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link PersistedMap}s on this member's disk, under {@code dataDir/state/}, one JSON file per map.
 *
 * <p>Every member writes every map: on each change (debounced by {@link #WRITE_DELAY_MILLIS}) the member
 * dumps the whole map (they are small) to a temporary file and renames it over the old one. On start, after
 * joining the cluster, a member {@link #loadAndMerge() merges} its files into the cluster's maps with the
 * maps' forward-only rules, then writes them back. So after any restart, of one member or all, the cluster
 * holds the newest value any surviving disk had, and each disk soon holds the cluster's.
 */
public final class StateFiles implements AutoCloseable {
    /** Debounce between a change and the file write. */
    public static final long WRITE_DELAY_MILLIS = 100;
    /** Largest state file read. */
    public static final int DEFAULT_MAX_STATE_FILE_BYTES = 64 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(StateFiles.class);

    private final HubState state;
    private final Path directory;
    private final ObjectMapper mapper;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "fedgate-state-files");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<PersistedMap> dirty = EnumSet.noneOf(PersistedMap.class);
    private final List<Registration> listeners = new ArrayList<>();

    private record Registration(SealedMap<?, ?> map, UUID id) {
    }

    /**
     * @param directory {@code dataDir/state}
     */
    public StateFiles(HubState state, Path directory, ObjectMapper mapper) {
        this.state = state;
        this.directory = directory;
        this.mapper = mapper;
    }

    /**
     * Merges every file found into the cluster's maps.
     *
     * @throws IOException when a file exists but cannot be read or parsed: a member must not start with
     *                     part of what only the hub decides missing
     */
    public void loadAndMerge() throws IOException {
        for (PersistedMap kind : PersistedMap.values()) {
            Path file = directory.resolve(kind.fileName());
            if (!Files.exists(file)) {
                continue;
            }
            JsonNode entries = read(file);
            SealedMap<String, ?> map = state.persisted(kind);
            int changed = 0;
            for (Map.Entry<String, JsonNode> entry : entries.properties()) {
                Object value = mapper.treeToValue(entry.getValue(), kind.valueType());
                if (merge(map, kind, entry.getKey(), value)) {
                    changed++;
                }
            }
            LOG.info("merged {} ({} entries, {} changed the cluster's copy)", file, entries.size(), changed);
        }
    }

    /** Writes every map now and then after every change. */
    public void start() {
        for (PersistedMap kind : PersistedMap.values()) {
            SealedMap<String, ?> map = state.persisted(kind);
            UUID id = onAnyChange(map, () -> changed(kind));
            listeners.add(new Registration(map, id));
            changed(kind);
        }
    }

    /** Writes pending changes and stops. */
    @Override
    public void close() {
        listeners.forEach(r -> r.map().unlisten(r.id()));
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("state files under {} still being written at shutdown", directory);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void changed(PersistedMap kind) {
        synchronized (dirty) {
            if (!dirty.add(kind)) {
                return;
            }
        }
        if (!writer.isShutdown()) {
            writer.schedule(() -> write(kind), WRITE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void write(PersistedMap kind) {
        synchronized (dirty) {
            dirty.remove(kind);
        }
        Path file = directory.resolve(kind.fileName());
        try {
            ObjectNode entries = mapper.createObjectNode();
            new java.util.TreeMap<String, Object>(state.persisted(kind).toMap()).forEach((key, value) -> entries.set(key, mapper.valueToTree(value)));
            AtomicFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(entries));
        } catch (IOException | RuntimeException e) {
            // the next change retries; the cluster still holds the state in memory, with a backup
            LOG.error("cannot write {}: {}", file, e.toString());
            changed(kind);
        }
    }

    private static <V> UUID onAnyChange(SealedMap<String, V> map, Runnable action) {
        return map.listen(new SealedMap.Changes<String, V>() {
            @Override
            public void changed(String key, V value) {
                action.run();
            }

            @Override
            public void removed(String key) {
                action.run();
            }
        }, false);
    }

    /**
     * Merges a copy read from disk into the cluster's entry with the map's rule, atomically per entry (a
     * compare-and-set on the sealed envelope, sealed on this member).
     */
    @SuppressWarnings("unchecked")
    private static <V> boolean merge(SealedMap<String, V> map, PersistedMap kind, String key, Object incoming) {
        return map.update(key, current -> (V) (current == null ? incoming : kind.merge(current, incoming)));
    }

    private JsonNode read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(DEFAULT_MAX_STATE_FILE_BYTES + 1);
            if (bytes.length > DEFAULT_MAX_STATE_FILE_BYTES) {
                throw new IOException(file + ": larger than " + DEFAULT_MAX_STATE_FILE_BYTES + " bytes");
            }
            JsonNode tree = mapper.readTree(bytes);
            if (tree == null || !tree.isObject()) {
                throw new IOException(file + ": not a JSON object of entries");
            }
            return tree;
        }
    }
}
