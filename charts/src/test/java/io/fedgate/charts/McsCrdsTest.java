package io.fedgate.charts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent chart's MCS CRDs against the kubernetes-sigs/mcs-api v0.5.0 release: its versions, names, labels,
 * printer columns and every field with its validation. The expected values are written out here, not read from a
 * copy of the upstream files, so that a change to the CRDs has to change this test too.
 */
class McsCrdsTest {

    static final Path SERVICE_EXPORTS = HelmChart.AGENT.directory()
            .resolve("crds/multicluster.x-k8s.io_serviceexports.yaml");
    static final Path SERVICE_IMPORTS = HelmChart.AGENT.directory()
            .resolve("crds/multicluster.x-k8s.io_serviceimports.yaml");
    static final List<String> VERSIONS = List.of("v1alpha1", "v1beta1");

    private static final String CONDITION_TYPE_PATTERN = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*"
            + "[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$";
    private static final String CONDITION_REASON_PATTERN = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$";

    private final JsonNode exports = CrdSchema.crd(SERVICE_EXPORTS);
    private final JsonNode imports = CrdSchema.crd(SERVICE_IMPORTS);

    @Test
    void eachCrdServesV1alpha1AndV1beta1AndStoresV1beta1() {
        for (JsonNode crd : List.of(exports, imports)) {
            assertThat(CrdSchema.versionNames(crd)).as(name(crd)).containsExactlyElementsOf(VERSIONS);
            assertThat(CrdSchema.version(crd, "v1alpha1").path("served").asBoolean()).as(name(crd)).isTrue();
            assertThat(CrdSchema.version(crd, "v1alpha1").path("storage").asBoolean()).as(name(crd)).isFalse();
            assertThat(CrdSchema.version(crd, "v1beta1").path("served").asBoolean()).as(name(crd)).isTrue();
            assertThat(CrdSchema.version(crd, "v1beta1").path("storage").asBoolean()).as(name(crd)).isTrue();
            // no conversion webhook: with identical schemas the API server only rewrites apiVersion
            assertThat(crd.path("spec").path("conversion").path("strategy").asText("None")).as(name(crd))
                    .isEqualTo("None");
        }
    }

    @Test
    void bothVersionsHaveTheSameSchemaSubresourcesAndPrinterColumns() {
        for (JsonNode crd : List.of(exports, imports)) {
            JsonNode alpha = CrdSchema.version(crd, "v1alpha1");
            JsonNode beta = CrdSchema.version(crd, "v1beta1");
            for (String part : List.of("schema", "subresources", "additionalPrinterColumns")) {
                assertThat(beta.get(part)).as(name(crd) + " " + part).isNotNull().isEqualTo(alpha.get(part));
            }
            assertThat(beta.path("subresources").has("status")).as(name(crd) + " status subresource").isTrue();
        }
    }

    @Test
    void namesAndLabelsAreTheUpstreamOnesPlusFedgates() {
        assertThat(names(exports)).containsExactly("serviceexports", "serviceexport", "ServiceExport",
                "ServiceExportList", "[svcex, svcexport]");
        assertThat(names(imports)).containsExactly("serviceimports", "serviceimport", "ServiceImport",
                "ServiceImportList", "[svcim, svcimport]");
        for (JsonNode crd : List.of(exports, imports)) {
            assertThat(crd.path("spec").path("group").asText()).isEqualTo("multicluster.x-k8s.io");
            assertThat(crd.path("spec").path("scope").asText()).isEqualTo("Namespaced");
            assertThat(Documents.YAML.convertValue(crd.path("metadata").path("labels"), Map.class)).as(name(crd))
                    .containsExactlyInAnyOrderEntriesOf(Map.of("app.kubernetes.io/part-of", "fedgate",
                            "multicluster.x-k8s.io/release-version", "v0.5.0",
                            "multicluster.x-k8s.io/crd-schema-revision", "0"));
        }
    }

    @Test
    void printerColumnsAreTheUpstreamOnes() {
        assertThat(columns(exports)).containsExactly("Age date .metadata.creationTimestamp");
        assertThat(columns(imports)).containsExactly("Type string .spec.type", "IP string .spec.ips",
                "Age date .metadata.creationTimestamp");
    }

    @Test
    void serviceExportHasEveryUpstreamField() {
        CrdSchema schema = CrdSchema.of(exports, "v1beta1");

        assertThat(schema.types()).containsExactlyInAnyOrderEntriesOf(withConditions("status.conditions", Map.ofEntries(
                entry("", "object"), entry("apiVersion", "string"), entry("kind", "string"),
                entry("metadata", "object"),
                entry("spec", "object"),
                entry("spec.exportedAnnotations", "object"), entry("spec.exportedAnnotations{}", "string"),
                entry("spec.exportedLabels", "object"), entry("spec.exportedLabels{}", "string"),
                entry("status", "object"))));
        assertThat(schema.required("")).isEmpty();
        assertThat(schema.required("spec")).isEmpty();
        assertConditions(schema, "status.conditions");
    }

    @Test
    void serviceImportHasEveryUpstreamField() {
        CrdSchema schema = CrdSchema.of(imports, "v1beta1");

        assertThat(schema.types()).containsExactlyInAnyOrderEntriesOf(withConditions("status.conditions", Map.ofEntries(
                entry("", "object"), entry("apiVersion", "string"), entry("kind", "string"),
                entry("metadata", "object"),
                entry("spec", "object"),
                entry("spec.internalTrafficPolicy", "string"),
                entry("spec.ipFamilies", "array"), entry("spec.ipFamilies[]", "string"),
                entry("spec.ips", "array"), entry("spec.ips[]", "string"),
                entry("spec.ports", "array"), entry("spec.ports[]", "object"),
                entry("spec.ports[].appProtocol", "string"), entry("spec.ports[].name", "string"),
                entry("spec.ports[].port", "integer/int32"), entry("spec.ports[].protocol", "string"),
                entry("spec.sessionAffinity", "string"),
                entry("spec.sessionAffinityConfig", "object"), entry("spec.sessionAffinityConfig.clientIP", "object"),
                entry("spec.sessionAffinityConfig.clientIP.timeoutSeconds", "integer/int32"),
                entry("spec.trafficDistribution", "string"),
                entry("spec.type", "string"),
                entry("status", "object"),
                entry("status.clusters", "array"), entry("status.clusters[]", "object"),
                entry("status.clusters[].cluster", "string"))));
        assertThat(schema.required("")).as("spec is optional").isEmpty();
        assertThat(schema.required("spec")).containsExactlyInAnyOrder("ports", "type");
        assertThat(schema.at("spec.ips").path("maxItems").asInt()).isEqualTo(2);
        assertThat(schema.at("spec.ipFamilies").path("maxItems").asInt()).isEqualTo(2);
        assertThat(schema.at("spec.ports").path("x-kubernetes-list-type").asText()).isEqualTo("atomic");
        assertThat(schema.required("spec.ports[]")).containsExactly("port");
        assertThat(schema.enumValues("spec.type")).containsExactlyInAnyOrder("ClusterSetIP", "Headless");
        // upstream leaves these open (the Service's own values may grow): no enum, no default
        for (String open : List.of("spec.ports[].protocol", "spec.sessionAffinity", "spec.internalTrafficPolicy",
                "spec.trafficDistribution", "spec.ipFamilies[]")) {
            assertThat(schema.at(open).has("enum")).as(open).isFalse();
            assertThat(schema.at(open).has("default")).as(open).isFalse();
        }
        assertThat(schema.at("status.clusters").path("x-kubernetes-list-type").asText()).isEqualTo("map");
        assertThat(strings(schema.at("status.clusters").path("x-kubernetes-list-map-keys"))).containsExactly("cluster");
        assertThat(schema.required("status.clusters[]")).containsExactly("cluster");
        assertConditions(schema, "status.conditions");
    }

    /** {@code fields} plus the paths of a metav1.Condition list at {@code path}. */
    private static Map<String, String> withConditions(String path, Map<String, String> fields) {
        Map<String, String> all = new HashMap<>(fields);
        all.putAll(Map.of(path, "array", path + "[]", "object",
                path + "[].lastTransitionTime", "string/date-time", path + "[].message", "string",
                path + "[].observedGeneration", "integer/int64", path + "[].reason", "string",
                path + "[].status", "string", path + "[].type", "string"));
        return all;
    }

    /** The validation of metav1.Condition, as controller-gen writes it, and a list-map keyed by type. */
    private static void assertConditions(CrdSchema schema, String path) {
        assertThat(schema.at(path).path("x-kubernetes-list-type").asText()).as(path).isEqualTo("map");
        assertThat(strings(schema.at(path).path("x-kubernetes-list-map-keys"))).as(path).containsExactly("type");
        assertThat(schema.required(path + "[]")).as(path)
                .containsExactlyInAnyOrder("lastTransitionTime", "message", "reason", "status", "type");
        assertThat(schema.at(path + "[].message").path("maxLength").asInt()).isEqualTo(32768);
        assertThat(schema.at(path + "[].observedGeneration").path("minimum").asInt()).isZero();
        JsonNode reason = schema.at(path + "[].reason");
        assertThat(reason.path("maxLength").asInt()).isEqualTo(1024);
        assertThat(reason.path("minLength").asInt()).isEqualTo(1);
        assertThat(reason.path("pattern").asText()).isEqualTo(CONDITION_REASON_PATTERN);
        assertThat(schema.enumValues(path + "[].status")).containsExactlyInAnyOrder("True", "False", "Unknown");
        JsonNode type = schema.at(path + "[].type");
        assertThat(type.path("maxLength").asInt()).isEqualTo(316);
        assertThat(type.path("pattern").asText()).isEqualTo(CONDITION_TYPE_PATTERN);
    }

    private static List<String> names(JsonNode crd) {
        JsonNode names = crd.path("spec").path("names");
        return List.of(names.path("plural").asText(), names.path("singular").asText(), names.path("kind").asText(),
                names.path("listKind").asText(), strings(names.path("shortNames")).toString());
    }

    private static List<String> columns(JsonNode crd) {
        return StreamSupport.stream(CrdSchema.version(crd, "v1beta1").path("additionalPrinterColumns").spliterator(),
                false).map(c -> c.path("name").asText() + " " + c.path("type").asText() + " "
                + c.path("jsonPath").asText()).toList();
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static String name(JsonNode crd) {
        return crd.path("metadata").path("name").asText();
    }
}
