package io.fedgate.agent.internal.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fedgate.agent.internal.model.ConditionState;
import io.fedgate.agent.internal.model.ObjectKey;
import io.fedgate.agent.internal.model.OwnerRef;
import io.fedgate.api.model.ServicePort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Mapping pieces the {@code *Kind} adapters share: metadata, owner references and ports of generic objects. */
final class ObjectMaps {
    private ObjectMaps() {
    }

    /** The labels of {@code object} whose keys are in {@code managedKeys}. */
    static Map<String, String> managedLabels(HasMetadata object, Set<String> managedKeys) {
        return only(object.getMetadata().getLabels(), managedKeys);
    }

    /** The annotations of {@code object} whose keys are in {@code managedKeys}. */
    static Map<String, String> managedAnnotations(HasMetadata object, Set<String> managedKeys) {
        return only(object.getMetadata().getAnnotations(), managedKeys);
    }

    private static Map<String, String> only(Map<String, String> entries, Set<String> keys) {
        Map<String, String> ours = new TreeMap<>();
        if (entries != null) {
            entries.forEach((k, v) -> {
                if (keys.contains(k)) {
                    ours.put(k, v);
                }
            });
        }
        return ours;
    }

    /** The owning ServiceImport of {@code object}, or null. */
    static OwnerRef owner(HasMetadata object) {
        List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
        if (refs == null) {
            return null;
        }
        // any MCS version: references written before the CRDs were upgraded name v1alpha1
        return refs.stream().filter(r -> KubeResources.SERVICE_IMPORT_KIND.equals(r.getKind())
                        && McsApi.isMcs(r.getApiVersion()))
                .map(r -> new OwnerRef(r.getName(), r.getUid())).findFirst().orElse(null);
    }

    /** Metadata naming {@code key}, with {@code labels} (or none). */
    static ObjectMeta metadata(ObjectKey key, Map<String, String> labels) {
        return metadata(key, labels, null, null);
    }

    /** Metadata naming {@code key}, with {@code labels} and, when given, the owning ServiceImport of {@code mcs}. */
    static ObjectMeta metadata(ObjectKey key, Map<String, String> labels, OwnerRef owner, McsApi mcs) {
        ObjectMetaBuilder meta = new ObjectMetaBuilder().withNamespace(key.namespace()).withName(key.name());
        if (labels != null) {
            meta.withLabels(new TreeMap<>(labels));
        }
        if (owner != null) {
            // no blockOwnerDeletion: it would need update on serviceimports/finalizers, which the agent lacks
            meta.withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(mcs.apiVersion())
                    .withKind(KubeResources.SERVICE_IMPORT_KIND).withName(owner.name()).withUid(owner.uid())
                    .withController(true).build());
        }
        return meta.build();
    }

    /** A status condition as {@code metav1.Condition} writes it. */
    static Map<String, Object> conditionMap(ConditionState c) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", c.type());
        map.put("status", c.status());
        map.put("reason", c.reason());
        map.put("message", c.message());
        if (c.observedGeneration() != null) {
            map.put("observedGeneration", c.observedGeneration());
        }
        map.put("lastTransitionTime", c.lastTransitionTime());
        return map;
    }

    /** The {@code status.conditions} of a generic object. */
    static List<ConditionState> conditions(GenericKubernetesResource object) {
        List<ConditionState> conditions = new java.util.ArrayList<>();
        for (Object item : GenericFields.list(GenericFields.map(object, "status"), "conditions")) {
            Map<String, Object> c = GenericFields.asMap(item);
            conditions.add(new ConditionState(GenericFields.text(c, "type"), GenericFields.text(c, "status"),
                    GenericFields.text(c, "reason"), GenericFields.text(c, "message"),
                    GenericFields.longValue(c, "observedGeneration"), GenericFields.text(c, "lastTransitionTime")));
        }
        return conditions;
    }

    /** A service port as the MCS API writes it in a ServiceImport's spec. */
    static Map<String, Object> portMap(ServicePort port) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (port.name() != null) {
            map.put("name", port.name());
        }
        map.put("port", port.port());
        map.put("protocol", port.protocol().name());
        if (port.appProtocol() != null) {
            map.put("appProtocol", port.appProtocol());
        }
        return map;
    }

    /** The service port a ServiceImport's spec holds in {@code item}. */
    static ServicePort port(Object item) {
        Map<String, Object> map = GenericFields.asMap(item);
        String name = GenericFields.text(map, "name");
        return new ServicePort(name == null || name.isEmpty() ? null : name, GenericFields.integer(map, "port", 0),
                FactsReader.protocol(GenericFields.text(map, "protocol")), GenericFields.text(map, "appProtocol"));
    }
}
