package io.fedgate.charts;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The manifests one {@code helm template} produced, parsed into fabric8's typed models (kinds fabric8 does not
 * model, such as the Prometheus Operator's, come back as {@link GenericKubernetesResource}).
 */
record RenderedChart(String source, List<HasMetadata> objects) {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    RenderedChart {
        objects = List.copyOf(objects);
    }

    /** Parses {@code helm template}'s multi-document output (helm-java gives null when nothing rendered). */
    static RenderedChart parse(String source, String manifests) {
        if (manifests == null || manifests.isBlank()) {
            return new RenderedChart(source, List.of());
        }
        Object parsed = SERIALIZATION.unmarshal(manifests);
        List<HasMetadata> objects = new ArrayList<>();
        if (parsed instanceof List<?> list) {
            for (Object item : list) {
                objects.add(asResource(source, item));
            }
        } else if (parsed != null) {
            objects.add(asResource(source, parsed));
        }
        return new RenderedChart(source, objects);
    }

    private static HasMetadata asResource(String source, Object item) {
        if (item instanceof HasMetadata resource) {
            return resource;
        }
        throw new IllegalStateException(source + ": rendered a document that is no Kubernetes object: " + item);
    }

    /** Every object of the given fabric8 type. */
    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The only object of the given type; fails naming what was rendered otherwise. */
    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        if (found.size() != 1) {
            throw new AssertionError(source + ": expected exactly one " + type.getSimpleName() + ", rendered "
                    + found.size() + " among " + kinds());
        }
        return found.get(0);
    }

    /** Objects fabric8 has no model for, by kind (e.g. ServiceMonitor, PrometheusRule). */
    List<GenericKubernetesResource> generic(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).toList();
    }

    /** The pod templates of every workload (StatefulSet, Deployment, DaemonSet). */
    List<PodTemplateSpec> podTemplates() {
        return Stream.of(
                all(StatefulSet.class).stream().map(s -> s.getSpec().getTemplate()),
                all(Deployment.class).stream().map(d -> d.getSpec().getTemplate()),
                all(DaemonSet.class).stream().map(d -> d.getSpec().getTemplate()))
                .flatMap(s -> s).toList();
    }

    /** The only container of the only workload. */
    Container container() {
        List<PodTemplateSpec> templates = podTemplates();
        if (templates.size() != 1 || templates.get(0).getSpec().getContainers().size() != 1) {
            throw new AssertionError(source + ": expected one workload with one container, rendered " + kinds());
        }
        return templates.get(0).getSpec().getContainers().get(0);
    }

    /** The value of {@code --name=value} among the container's arguments. */
    Optional<String> argument(String name) {
        String prefix = name + "=";
        return container().getArgs().stream().filter(a -> a.startsWith(prefix))
                .map(a -> a.substring(prefix.length())).findFirst();
    }

    /** "Kind/name" of every object, for failure messages. */
    List<String> kinds() {
        return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    }
}
