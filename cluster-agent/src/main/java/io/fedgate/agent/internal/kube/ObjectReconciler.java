package io.fedgate.agent.internal.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fedgate.agent.WriteMethod;
import io.fedgate.agent.internal.model.ManagedState;
import io.fedgate.agent.internal.model.McsNames;
import io.fedgate.agent.internal.model.ObjectKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one write path of the agent: {@link #reconcile(ManagedKind, ObjectKey, ManagedState)} compares the desired
 * record with the observed object mapped to the same record and writes only on a difference; a null desired
 * record deletes. Objects fedgate does not own (no {@code app.kubernetes.io/managed-by: fedgate}) are never
 * changed: a warning says which and why, once per object version. Every write is counted by kind.
 *
 * <p>The informer caches lag behind the agent's own writes, so the reconciler remembers what each write
 * returned until the informer reports an event for that object ({@link #forget}); a second sync shortly after
 * a write therefore sees the written object, not a stale one, and does not write again.
 *
 * <p>Called from the agent's thread only; {@link #forget} may come from informer threads.
 */
public final class ObjectReconciler {
    /** Receives one call per successful write. */
    @FunctionalInterface
    public interface WriteRecorder {
        /** @param kind the {@link ManagedKind#metricKind()} written */
        void written(String kind);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ObjectReconciler.class);
    private static final String STATUS = "status";

    private final KubernetesClient client;
    private final WriteMethod method;
    private final String fieldManager;
    private final String clusterId;
    private final WriteRecorder recorder;
    private final Map<String, Optional<HasMetadata>> written = new ConcurrentHashMap<>();
    private final Set<String> warnedNotOwned = ConcurrentHashMap.newKeySet();

    public ObjectReconciler(KubernetesClient client, WriteMethod method, String fieldManager, String clusterId,
                            WriteRecorder recorder) {
        this.client = client;
        this.method = method;
        this.fieldManager = fieldManager;
        this.clusterId = clusterId;
        this.recorder = recorder;
    }

    /**
     * Makes the object {@code key} of {@code kind} match {@code desired}.
     *
     * @param desired the fields fedgate wants, or null for "must not exist" (never deletes for status kinds)
     */
    public <S extends ManagedState> WriteOutcome reconcile(ManagedKind<S> kind, ObjectKey key, S desired) {
        HasMetadata observed = current(kind, key);
        if (observed == null) {
            if (kind.statusOnly()) {
                return desired == null ? WriteOutcome.NOOP : WriteOutcome.ABSENT;
            }
            return desired == null ? WriteOutcome.NOOP : write(kind, key, desired, WriteOutcome.CREATED);
        }
        if (kind.requiresOwnership() && !McsNames.managedByFedgate(observed.getMetadata().getLabels())) {
            warnNotOwned(kind, key, observed, desired);
            return WriteOutcome.NOT_OWNED;
        }
        if (desired == null) {
            return kind.statusOnly() ? WriteOutcome.NOOP : delete(kind, key, observed);
        }
        if (kind.observed(observed).equals(desired)) {
            return WriteOutcome.NOOP;
        }
        return write(kind, key, desired, WriteOutcome.PATCHED);
    }

    /** The object as the agent last saw it: its own latest write if the informer has not caught up, else the cache. */
    public HasMetadata current(ManagedKind<?> kind, ObjectKey key) {
        Optional<HasMetadata> mine = written.get(overlayKey(kind.kind(), key));
        if (mine != null) {
            return mine.orElse(null);
        }
        return kind.cached(key);
    }

    /** The informer reported an event for {@code key}: its cache is at least as new as the agent's last write. */
    public void forget(String kind, ObjectKey key) {
        written.remove(overlayKey(kind, key));
    }

    private <S extends ManagedState> WriteOutcome write(ManagedKind<S> kind, ObjectKey key, S desired,
                                                        WriteOutcome outcome) {
        HasMetadata manifest = kind.manifest(desired);
        try {
            Resource<? extends HasMetadata> resource = kind.resource(manifest);
            HasMetadata result;
            if (method == WriteMethod.SERVER_SIDE_APPLY) {
                PatchContext apply = new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
                        .withFieldManager(fieldManager).withForce(true).build();
                String body = client.getKubernetesSerialization().asJson(manifest);
                result = kind.statusOnly() ? resource.subresource(STATUS).patch(apply, body)
                        : resource.patch(apply, body);
            } else if (outcome == WriteOutcome.CREATED) {
                result = resource.create();
            } else {
                Resource<? extends HasMetadata> merged = kind.resource(merged(current(kind, key), manifest));
                result = kind.statusOnly() ? merged.subresource(STATUS).update() : merged.update();
            }
            written.put(overlayKey(kind.kind(), key), Optional.ofNullable(result));
            recorder.written(kind.metricKind());
            LOG.info("cluster {}: {} {} {}", clusterId, kind.metricKind(), key,
                    outcome == WriteOutcome.CREATED ? "created" : "updated");
            return outcome;
        } catch (KubernetesClientException e) {
            LOG.warn("cluster {}: {} {}: {} refused: HTTP {}: {}; retrying", clusterId, kind.metricKind(), key,
                    outcome == WriteOutcome.CREATED ? "create" : "update", e.getCode(), e.getMessage());
            return WriteOutcome.FAILED;
        }
    }

    /** {@code observed} with {@code manifest} merged in by JSON merge patch rules (RFC 7386). */
    private HasMetadata merged(HasMetadata observed, HasMetadata manifest) {
        KubernetesSerialization serialization = client.getKubernetesSerialization();
        Map<String, Object> target = mergePatch(serialization.convertValue(observed, Map.class),
                serialization.convertValue(manifest, Map.class));
        return serialization.convertValue(target, observed.getClass());
    }

    /** RFC 7386: objects merge member by member, null removes a member, anything else replaces. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mergePatch(Map<String, Object> target, Map<String, Object> patch) {
        Map<String, Object> result = new LinkedHashMap<>(target);
        patch.forEach((name, value) -> {
            if (value == null) {
                result.remove(name);
            } else if (value instanceof Map<?, ?> patchMap && result.get(name) instanceof Map<?, ?> targetMap) {
                result.put(name, mergePatch((Map<String, Object>) targetMap, (Map<String, Object>) patchMap));
            } else {
                result.put(name, value);
            }
        });
        return result;
    }

    private WriteOutcome delete(ManagedKind<?> kind, ObjectKey key, HasMetadata observed) {
        try {
            kind.resource(observed).delete();
            written.put(overlayKey(kind.kind(), key), Optional.empty());
            recorder.written(kind.metricKind());
            LOG.info("cluster {}: {} {} deleted", clusterId, kind.metricKind(), key);
            return WriteOutcome.DELETED;
        } catch (KubernetesClientException e) {
            LOG.warn("cluster {}: {} {}: delete refused: HTTP {}: {}; retrying", clusterId, kind.metricKind(), key,
                    e.getCode(), e.getMessage());
            return WriteOutcome.FAILED;
        }
    }

    private void warnNotOwned(ManagedKind<?> kind, ObjectKey key, HasMetadata observed, Object desired) {
        String version = kind.kind() + "/" + key + "@" + observed.getMetadata().getResourceVersion();
        if (warnedNotOwned.add(version)) {
            LOG.warn("cluster {}: {} {} exists but is not labelled {}={}; fedgate leaves it alone and does not {} it. "
                            + "Delete or rename it to let fedgate manage it", clusterId, kind.kind(), key,
                    McsNames.MANAGED_BY, McsNames.FEDGATE, desired == null ? "delete" : "write");
        }
    }

    private static String overlayKey(String kind, ObjectKey key) {
        return kind + "/" + key;
    }
}
