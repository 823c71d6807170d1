package io.fedgate.agent.internal.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergePatchTest {

    @Test
    void mapsMergeListsAreReplacedAndNullRemoves() {
        Map<String, Object> removed = new HashMap<>();
        removed.put("gone", null);
        removed.put("ports", List.of(Map.of("port", 443)));
        Map<String, Object> target = Map.of("metadata", Map.of("labels", Map.of("a", "1"), "uid", "u"),
                "spec", Map.of("ports", List.of(Map.of("port", 80), Map.of("port", 81)), "gone", "x", "clusterIP", "10.0.0.1"));
        Map<String, Object> patch = Map.of("metadata", Map.of("labels", Map.of("b", "2")), "spec", removed);

        Map<String, Object> merged = ObjectReconciler.mergePatch(target, patch);

        assertThat(merged).isEqualTo(Map.of(
                "metadata", Map.of("labels", Map.of("a", "1", "b", "2"), "uid", "u"),
                "spec", Map.of("ports", List.of(Map.of("port", 443)), "clusterIP", "10.0.0.1")));
    }
}
