package io.fedgate.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {
    private static final Map<String, Object> HTTPS = Map.of("name", "https", "port", 8443, "protocol", "TCP");
    private static final Map<String, Object> METRICS = Map.of("name", "metrics", "port", 9090, "protocol", "TCP");

    @Test
    void changedPortIsMergedByTheKeyOfTheElementOrderAndOtherFieldsStay() {
        Map<String, Object> live = service(List.of(HTTPS, METRICS));
        // what kubectl apply sends when the manifest moves https from 8443 to 9443 and drops metrics
        Map<String, Object> patch = Map.of("spec", Map.of(
                "$setElementOrder/ports", List.of(Map.of("port", 9443)),
                "ports", List.of(Map.of("name", "https", "port", 9443, "protocol", "TCP"),
                        Map.of("$patch", "delete", "port", 8443), Map.of("$patch", "delete", "port", 9090))));

        Map<String, Object> result = StrategicMergePatch.apply(live, patch);

        assertThat(spec(result)).containsEntry("clusterIP", "10.96.0.50")
                .containsEntry("ports", List.of(Map.of("name", "https", "port", 9443, "protocol", "TCP")));
        assertThat(result).containsEntry("metadata", live.get("metadata"));
    }

    @Test
    void listElementsOthersAddedAreKeptAfterTheOrderedOnes() {
        Map<String, Object> live = service(List.of(HTTPS, METRICS));
        Map<String, Object> patch = Map.of("spec", Map.of(
                "$setElementOrder/ports", List.of(Map.of("port", 8443)),
                "ports", List.of(Map.of("port", 8443, "appProtocol", "https"))));

        Object ports = spec(StrategicMergePatch.apply(live, patch)).get("ports");

        assertThat(ports).isEqualTo(List.of(Map.of("name", "https", "port", 8443, "protocol", "TCP", "appProtocol",
                "https"), METRICS));
    }

    @Test
    void nullDeletesAndMapsMergeAsInAJsonMergePatch() {
        Map<String, Object> live = service(List.of(HTTPS));
        Map<String, Object> annotations = new HashMap<>();
        annotations.put("fedgate.io/weight", "3");
        annotations.put("old", null);
        Map<String, Object> patch = Map.of("metadata", Map.of("annotations", annotations));

        Map<String, Object> result = StrategicMergePatch.apply(live, patch);

        assertThat((Map<?, ?>) ((Map<?, ?>) result.get("metadata")).get("annotations"))
                .isEqualTo(Map.of("fedgate.io/weight", "3"));
        assertThat(((Map<?, ?>) result.get("metadata")).get("name")).isEqualTo("web");
    }

    @Test
    void listWithoutElementOrderIsReplacedAndPrimitiveDeletionsApply() {
        Map<String, Object> live = new LinkedHashMap<>(Map.of("finalizers", List.of("a", "b"),
                "args", List.of("--x")));
        Map<String, Object> patch = Map.of("args", List.of("--y"), "finalizers", List.of("c"),
                "$setElementOrder/finalizers", List.of("a", "c"), "$deleteFromPrimitiveList/finalizers", List.of("b"));

        Map<String, Object> result = StrategicMergePatch.apply(live, patch);

        assertThat(result).containsEntry("args", List.of("--y")).containsEntry("finalizers", List.of("a", "c"));
    }

    private static Map<String, Object> service(List<Map<String, Object>> ports) {
        Map<String, Object> annotations = new LinkedHashMap<>(Map.of("old", "x"));
        return new LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "Service",
                "metadata", new LinkedHashMap<>(Map.of("name", "web", "namespace", "bank", "annotations", annotations)),
                "spec", new LinkedHashMap<>(Map.of("clusterIP", "10.96.0.50", "ports", ports))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Map<String, Object> object) {
        return (Map<String, Object>) object.get("spec");
    }
}
