package io.fedgate.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrading a cluster from the CRDs fedgate shipped before ({@code src/test/resources/previous-crds/}) to today's:
 * the API server keeps the stored objects, so every object the previous v1alpha1 schema accepted must stay valid,
 * and keep all its fields, under both versions of the new CRDs.
 */
class McsCrdUpgradeTest {

    private static final Path PREVIOUS = HelmChart.chartsDirectory().resolve("src/test/resources/previous-crds");

    @Test
    void everyObjectValidUnderThePreviousSchemaIsValidUnderTheNewOne() {
        for (Path current : new Path[] {McsCrdsTest.SERVICE_EXPORTS, McsCrdsTest.SERVICE_IMPORTS}) {
            JsonNode previous = CrdSchema.crd(PREVIOUS.resolve(current.getFileName()));
            assertThat(CrdSchema.versionNames(previous)).as("the fixture is the v1alpha1-only CRD")
                    .containsExactly("v1alpha1");
            CrdSchema before = CrdSchema.of(previous, "v1alpha1");
            for (String version : McsCrdsTest.VERSIONS) {
                CrdSchema after = CrdSchema.of(CrdSchema.crd(current), version);

                assertThat(SchemaCompatibility.violations(before, after)).as("%s %s", current.getFileName(), version)
                        .isEmpty();
                assertThat(after.paths()).as("the new schema is a superset, not the same schema")
                        .containsAll(before.paths()).hasSizeGreaterThan(before.paths().size());
            }
        }
    }

    @Test
    void theVersionThePreviousCrdsStoredIsStillListed() {
        for (Path current : new Path[] {McsCrdsTest.SERVICE_EXPORTS, McsCrdsTest.SERVICE_IMPORTS}) {
            JsonNode previous = CrdSchema.crd(PREVIOUS.resolve(current.getFileName()));
            String stored = StreamSupport.stream(previous.path("spec").path("versions").spliterator(), false)
                    .filter(v -> v.path("storage").asBoolean()).map(v -> v.path("name").asText()).findFirst()
                    .orElseThrow();

            // the API server refuses a CRD update that drops a version listed in status.storedVersions
            assertThat(CrdSchema.versionNames(CrdSchema.crd(current))).as(current.getFileName().toString())
                    .contains(stored);
            assertThat(CrdSchema.version(CrdSchema.crd(current), stored).path("served").asBoolean()).isTrue();
        }
    }

    @Test
    void theNewSchemaRelaxesWhatThePreviousOneLimited() {
        CrdSchema before = CrdSchema.of(CrdSchema.crd(PREVIOUS.resolve(McsCrdsTest.SERVICE_IMPORTS.getFileName())),
                "v1alpha1");
        CrdSchema after = CrdSchema.of(CrdSchema.crd(McsCrdsTest.SERVICE_IMPORTS), "v1beta1");

        // the one bound the upgrade changes: a dual-stack import has a VIP per family
        assertThat(before.at("spec.ips").path("maxItems").asInt()).isEqualTo(1);
        assertThat(after.at("spec.ips").path("maxItems").asInt()).isEqualTo(2);
        assertThat(SchemaCompatibility.violations(after, before)).as("downgrading is not safe")
                .contains("spec.ips: maxItems 1 was 2", "spec.ipFamilies: dropped (its values would be pruned)");
    }

    @Test
    void aSchemaComparedWithItselfHasNoViolations() {
        CrdSchema schema = CrdSchema.of(CrdSchema.crd(McsCrdsTest.SERVICE_IMPORTS), "v1beta1");

        assertThat(SchemaCompatibility.violations(schema, schema)).isEmpty();
    }

    static Stream<Arguments> mutations() {
        return Stream.of(
                violation("a dropped field", mutate("spec.ports[]", n -> properties(n).remove("appProtocol")),
                        "spec.ports[].appProtocol: dropped (its values would be pruned)"),
                violation("a dropped object", mutate("spec.sessionAffinityConfig", n -> properties(n).remove("clientIP")),
                        "spec.sessionAffinityConfig.clientIP: dropped (its values would be pruned)",
                        "spec.sessionAffinityConfig.clientIP.timeoutSeconds: dropped (its values would be pruned)"),
                violation("a shrunk maxItems", mutate("spec.ips", n -> n.put("maxItems", 1)),
                        "spec.ips: maxItems 1 was 2"),
                violation("a new maxLength", mutate("spec.ports[].name", n -> n.put("maxLength", 15)),
                        "spec.ports[].name: maxLength 15 was unbounded"),
                violation("a raised minLength", mutate("status.conditions[].reason", n -> n.put("minLength", 2)),
                        "status.conditions[].reason: minLength 2 was 1"),
                violation("a narrowed enum", mutate("spec.type", n -> n.putArray("enum").add("ClusterSetIP")),
                        "spec.type: enum [ClusterSetIP] no longer accepts [Headless]"),
                violation("a new enum", mutate("spec.sessionAffinity", n -> n.putArray("enum").add("ClientIP").add("None")),
                        "spec.sessionAffinity: enum [ClientIP, None] where any value was accepted"),
                violation("a newly required field", mutate("spec", n -> ((ArrayNode) n.get("required")).add("ips")),
                        "spec: requires [ips] as well"),
                violation("a changed format", mutate("spec.ports[].port", n -> n.put("format", "int64")),
                        "spec.ports[].port: type integer/int64 was integer/int32"),
                violation("a changed type", mutate("spec.ips[]", n -> n.put("type", "integer")),
                        "spec.ips[]: type integer was string"),
                violation("a changed pattern", mutate("status.conditions[].reason", n -> n.put("pattern", "^[A-Z]")),
                        "status.conditions[].reason: pattern \"^[A-Z]\" was \"^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$\""),
                violation("an atomic list made a map", mutate("spec.ports", n -> {
                    n.put("x-kubernetes-list-type", "map");
                    n.putArray("x-kubernetes-list-map-keys").add("port");
                }), "spec.ports: x-kubernetes-list-type \"map\" was \"atomic\"",
                        "spec.ports: x-kubernetes-list-map-keys [\"port\"] was absent"));
    }

    @ParameterizedTest(name = "{0} is reported")
    @MethodSource("mutations")
    void aMutatedCopyThatWouldRejectStoredObjectsIsReported(String change, CrdSchema mutated, List<String> violations) {
        CrdSchema current = CrdSchema.of(CrdSchema.crd(McsCrdsTest.SERVICE_IMPORTS), "v1beta1");

        assertThat(SchemaCompatibility.violations(current, mutated)).as(change)
                .containsExactlyInAnyOrderElementsOf(violations);
    }

    static Stream<Arguments> relaxations() {
        return Stream.of(
                Arguments.of("an optional field added", mutate("spec", n -> properties(n).putObject("zone")
                        .put("type", "string"))),
                Arguments.of("a required field made optional", mutate("spec", n -> n.remove("required"))),
                Arguments.of("a raised maxItems", mutate("spec.ipFamilies", n -> n.put("maxItems", 3))),
                Arguments.of("an enum dropped", mutate("spec.type", n -> n.remove("enum"))),
                Arguments.of("an enum grown", mutate("spec.type", n -> ((ArrayNode) n.get("enum")).add("External"))),
                Arguments.of("a lowered minLength", mutate("status.conditions[].reason", n -> n.put("minLength", 0))),
                Arguments.of("a pattern dropped", mutate("status.conditions[].type", n -> n.remove("pattern"))));
    }

    @ParameterizedTest(name = "{0} is accepted")
    @MethodSource("relaxations")
    void aMutatedCopyThatOnlyAcceptsMoreHasNoViolations(String change, CrdSchema relaxed) {
        CrdSchema current = CrdSchema.of(CrdSchema.crd(McsCrdsTest.SERVICE_IMPORTS), "v1beta1");

        assertThat(SchemaCompatibility.violations(current, relaxed)).as(change).isEmpty();
    }

    private static Arguments violation(String change, CrdSchema mutated, String... violations) {
        return Arguments.of(change, mutated, List.of(violations));
    }

    /** A copy of the ServiceImport v1beta1 schema with {@code change} applied to the node at {@code path}. */
    private static CrdSchema mutate(String path, Consumer<ObjectNode> change) {
        ObjectNode root = CrdSchema.version(CrdSchema.crd(McsCrdsTest.SERVICE_IMPORTS), "v1beta1").path("schema")
                .path("openAPIV3Schema").deepCopy();
        change.accept((ObjectNode) CrdSchema.of(root).at(path));
        return CrdSchema.of(root);
    }

    private static ObjectNode properties(ObjectNode node) {
        return (ObjectNode) node.get("properties");
    }
}
