package io.fedgate.hubclient;

import io.fedgate.api.model.ServiceImport;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Makes plan watches share equal {@link ServiceImport}s: each decoded import is swapped for an equal one
 * already held, if any. One watch needs none (its plan holds each import once); many watches of one cluster
 * set in one process do, since they import the same services with the same endpoints: 255 simulated agents
 * of {@code fedgate bench hub} would otherwise hold 255 copies of 51,000 imports. Imports no plan holds any
 * more are collected (weak references). Thread-safe.
 */
public final class ImportInterner {
    private final Map<ServiceImport, WeakReference<ServiceImport>> held = new WeakHashMap<>();

    /** An interner to share among the clients given it ({@link HubClient.Builder#importInterner}). */
    public ImportInterner() {
    }

    /** The held import equal to {@code value}, or {@code value} itself, now held. */
    public synchronized ServiceImport intern(ServiceImport value) {
        WeakReference<ServiceImport> ref = held.get(value);
        ServiceImport existing = ref == null ? null : ref.get();
        if (existing != null) {
            return existing;
        }
        held.put(value, new WeakReference<>(value));
        return value;
    }
}
