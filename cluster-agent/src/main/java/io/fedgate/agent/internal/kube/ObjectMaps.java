package io.fedgate.agent.internal.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
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
        Map<String, String> labels = object.getMetadata().getLabels();
        Map<String, String> ours = new TreeMap<>();
        if (labels != null) {
            labels.forEach((k, v) -> {
                if (managedKeys.contains(k)) {
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
        return refs.stream().filter(r -> KubeResources.SERVICE_IMPORT_KIND.equals(r.getKind())
                        && KubeResources.MCS_API_VERSION.equals(r.getApiVersion()))
                .map(r -> new OwnerRef(r.getName(), r.getUid())).findFirst().orElse(null);
    }

    /** Metadata naming {@code key}, with {@code labels} and, when given, the owning ServiceImport. */
    static ObjectMeta metadata(ObjectKey key, Map<String, String> labels, OwnerRef owner) {
        ObjectMetaBuilder meta = new ObjectMetaBuilder().withNamespace(key.namespace()).withName(key.name());
        if (labels != null) {
            meta.withLabels(new TreeMap<>(labels));
        }
        if (owner != null) {
            // no blockOwnerDeletion: it would need update on serviceimports/finalizers, which the agent lacks
            meta.withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(KubeResources.MCS_API_VERSION)
                    .withKind(KubeResources.SERVICE_IMPORT_KIND).withName(owner.name()).withUid(owner.uid())
                    .withController(true).build());
        }
        return meta.build();
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
