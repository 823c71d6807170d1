package io.fedgate.hub.internal.audit;

import io.fedgate.hub.internal.sealing.SealedMap;
import io.fedgate.hub.internal.state.HubState;
import io.fedgate.hubclient.BoundedLineReader;
import io.fedgate.hubclient.protocol.AuditRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This member's copy of the audit log on disk: one JSON record per line, in sequence order, appended as
 * records appear in the cluster (entry events arrive out of order across partitions, so they are held back
 * until the records before them are written; a record missing for a second is fetched from the map).
 * On start, the member's file is merged into the cluster's log first, so a restart of every member keeps
 * the log.
 */
public final class AuditFile implements AutoCloseable {
    /** Longest line read from an audit file. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 256 * 1024;
    private static final long GAP_FETCH_MILLIS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(AuditFile.class);

    private final AuditLog log;
    private final SealedMap<Long, byte[]> records;
    private final Path file;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "fedgate-audit-file");
        thread.setDaemon(true);
        return thread;
    });
    private final TreeMap<Long, byte[]> pending = new TreeMap<>();
    private UUID listener;
    private long written;
    private OutputStream out;

    /** This member's copy of {@code log} at {@code file}. */
    public AuditFile(AuditLog log, HubState state, Path file) {
        this.log = log;
        this.records = state.audit();
        this.file = file;
    }

    /** Reads every record of {@code file} (none when it does not exist), in file order. */
    public static List<AuditRecord> read(Path file, AuditLog codec) throws IOException {
        List<AuditRecord> found = new ArrayList<>();
        if (!Files.exists(file)) {
            return found;
        }
        try (InputStream in = Files.newInputStream(file)) {
            BoundedLineReader lines = new BoundedLineReader(in, DEFAULT_MAX_RECORD_BYTES);
            byte[] line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.length == 0) {
                    continue;
                }
                try {
                    found.add(codec.decode(line));
                } catch (RuntimeException e) {
                    throw new IOException(file + ":" + number + ": not an audit record: " + e.getMessage(), e);
                }
            }
        }
        return found;
    }

    /**
     * Merges this member's file into the cluster's log, rewrites the file from the cluster's log, and then
     * appends every new record.
     */
    public void start() throws IOException {
        int restored = 0;
        List<AuditRecord> local = read(file, log);
        for (AuditRecord record : local) {
            if (log.restore(record)) {
                restored++;
            }
        }
        if (!local.isEmpty()) {
            LOG.info("audit log {}: {} records on disk, {} restored into the cluster's log", file, local.size(),
                    restored);
        }
        listener = records.listen((seq, json) -> writer.execute(() -> arrived(seq, json)), true);
        writer.execute(() -> {
            try {
                rewrite();
            } catch (IOException e) {
                LOG.error("cannot rewrite audit file {}: {}; records stay in the cluster's log", file, e.toString());
            }
        });
        writer.scheduleWithFixedDelay(this::fetchGaps, GAP_FETCH_MILLIS, GAP_FETCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (listener != null) {
            records.unlisten(listener);
        }
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("audit file {} still being written at shutdown", file);
            }
            if (out != null) {
                out.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("closing audit file {}: {}", file, e.toString());
        }
    }

    /** Writes the cluster's whole log to the file, replacing it; then appends from there. */
    private void rewrite() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        long seq = 1;
        try (OutputStream rewritten = Files.newOutputStream(temporary)) {
            SealedMap.Held<byte[]> record;
            while ((record = records.getHeld(seq)) != null) {
                if (!record.refused()) {
                    rewritten.write(record.value());
                    rewritten.write('\n');
                }
                seq++;
            }
        }
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        written = seq - 1;
        out = Files.newOutputStream(file, StandardOpenOption.APPEND);
        pending.headMap(written, true).clear();
        flush();
    }

    private void arrived(long seq, byte[] record) {
        if (seq > written) {
            pending.put(seq, record);
            flush();
        }
    }

    private void fetchGaps() {
        if (out == null || pending.isEmpty() || pending.firstKey() == written + 1) {
            return;
        }
        SealedMap.Held<byte[]> missing = records.getHeld(written + 1);
        if (missing != null && missing.refused()) {
            // a forged record holds the position: no member wrote it, nothing to keep
            written++;
            flush();
        } else if (missing != null) {
            pending.put(written + 1, missing.value());
            flush();
        }
    }

    private void flush() {
        if (out == null) {
            return;
        }
        try {
            boolean wrote = false;
            while (!pending.isEmpty() && pending.firstKey() == written + 1) {
                out.write(pending.pollFirstEntry().getValue());
                out.write('\n');
                written++;
                wrote = true;
            }
            if (wrote) {
                out.flush();
            }
        } catch (IOException e) {
            LOG.error("cannot append to audit file {} after record {}: {}", file, written, e.toString());
        }
    }
}
