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
 * more are collected (weak references). Thread-safe; the imports are spread over {@value #STRIPES} locks, since
 * every watch thread interns every import it decodes.
 */
public final class ImportInterner {
    private static final int STRIPES = 64;

    @SuppressWarnings("unchecked")
    private final Map<ServiceImport, WeakReference<ServiceImport>>[] held = new Map[STRIPES];

    /** An interner to share among the clients given it ({@link HubClient.Builder#importInterner}). */
    public ImportInterner() {
        for (int i = 0; i < STRIPES; i++) {
            held[i] = new WeakHashMap<>();
        }
    }

    /** The held import equal to {@code value}, or {@code value} itself, now held. */
    public ServiceImport intern(ServiceImport value) {
        Map<ServiceImport, WeakReference<ServiceImport>> stripe = held[Math.floorMod(value.service().hashCode(), STRIPES)];
        synchronized (stripe) {
            WeakReference<ServiceImport> ref = stripe.get(value);
            ServiceImport existing = ref == null ? null : ref.get();
            if (existing != null) {
                return existing;
            }
            stripe.put(value, new WeakReference<>(value));
            return value;
        }
    }
}
