package io.fedgate.hub.internal.sealing;

import com.hazelcast.map.IMap;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key rotation with every member running: this member re-reads its key file every {@link #POLL_INTERVAL}
 * (a mounted Kubernetes Secret changes in place), installs a changed ring, and re-seals under the active key
 * every entry it owns that is sealed under another key it holds, until none is left (partitions migrate, so it
 * looks again on each poll until one pass finds nothing). A key file that no longer parses is logged and the
 * ring in use kept. Plan history items are not re-sealed: they are overwritten as plans change, and a watch
 * resuming from one sealed under a retired key gets a whole plan.
 */
public final class KeyRotation implements AutoCloseable {
    /** How often the key file is read again. */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(KeyRotation.class);

    private final Path file;
    private final Sealing sealing;
    private final List<IMap<Object, Object>> maps;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "fedgate-key-rotation");
        thread.setDaemon(true);
        return thread;
    });
    private byte[] loaded;
    private boolean resealing = true;

    /** Rotation of {@code file}'s keys over the sealed {@code maps}. */
    public KeyRotation(Path file, Sealing sealing, List<IMap<Object, Object>> maps) {
        this.file = file;
        this.sealing = sealing;
        this.maps = List.copyOf(maps);
    }

    /** Starts polling; the first pass re-seals what a rotation before this member started left behind. */
    public void start() {
        try {
            loaded = SealingKeys.read(file);
        } catch (IOException e) {
            LOG.warn("sealing key file {}: {}", file, e.toString());
        }
        executor.scheduleWithFixedDelay(this::poll, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void poll() {
        try {
            byte[] content = SealingKeys.read(file);
            if (!Arrays.equals(content, loaded)) {
                SealingKeys keys = SealingKeys.parse(content, file.toString());
                sealing.sealer().install(keys);
                loaded = content;
                resealing = true;
                LOG.info("sealing keys reloaded from {}: sealing with \"{}\", opening {}", file, keys.active(),
                        keys.ids());
            }
            if (resealing) {
                resealing = resealOwnedEntries() > 0;
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("sealing key file {} not reloaded, keeping keys {}: {}", file, sealing.sealer().keys().ids(),
                    e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("re-sealing entries failed (retrying on the next poll): {}", e.toString());
        }
    }

    /** Re-seals the entries this member owns sealed under a held key other than the active one; how many. */
    int resealOwnedEntries() {
        SealingKeys keys = sealing.sealer().keys();
        int resealed = 0;
        for (IMap<Object, Object> map : maps) {
            for (Object key : map.localKeySet()) {
                Object stored = Unreadable.read(() -> map.get(key));
                byte[] envelope = stored instanceof byte[] bytes ? bytes : null;
                String id = StateSealer.keyIdOf(envelope);
                if (id == null || id.equals(keys.active()) || !keys.keys().containsKey(id)) {
                    continue;
                }
                try {
                    String entry = String.valueOf(key);
                    byte[] plaintext = sealing.sealer().open(map.getName(), entry, envelope);
                    if (map.replace(key, envelope, sealing.sealer().seal(map.getName(), entry, plaintext))) {
                        resealed++;
                    }
                } catch (IntegrityFailure failure) {
                    sealing.monitor().refused(failure);
                }
            }
        }
        if (resealed > 0) {
            LOG.info("re-sealed {} entries under key \"{}\"", resealed, keys.active());
        }
        return resealed;
    }
}
