package io.fedgate.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.InventoryDelta;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentValidationTest {
    private final ObjectMapper mapper = FederationJson.mapper();
    private final DocumentCodec<ClusterInventory> inventories = FederationCodecs.clusterInventory();

    /** The sample inventory as an editable tree. */
    private ObjectNode inventoryTree() throws Exception {
        return (ObjectNode) mapper.readTree(inventories.encode(ModelSamples.inventory()));
    }

    private List<String> problemsOf(ObjectNode tree) throws Exception {
        InvalidDocumentException error = catchThrowableOfType(InvalidDocumentException.class,
                () -> inventories.decode(mapper.writeValueAsBytes(tree)));
        assertThat(error).as("decoding must fail").isNotNull();
        return error.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void badCidrIsReportedWithItsPathAndCidrsReason() throws Exception {
        ObjectNode tree = inventoryTree();
        ((ArrayNode) tree.at("/network/podCIDRs")).set(0, "10.16.0.0/33");

        assertThat(problemsOf(tree)).containsExactly(
                "network.podCIDRs[0]: \"10.16.0.0/33\" is not a CIDR (prefix length 33 > 32)");
    }

    @Test
    void badIpv6CidrIsReportedToo() throws Exception {
        ObjectNode tree = inventoryTree();
        ((ArrayNode) tree.at("/network/serviceCIDRs")).set(1, "fd00:10:96::/129");

        assertThat(problemsOf(tree)).containsExactly(
                "network.serviceCIDRs[1]: \"fd00:10:96::/129\" is not a CIDR (prefix length 129 > 128)");
    }

    @Test
    void badClusterIdIsNotADnsLabel() throws Exception {
        ObjectNode tree = inventoryTree().put("clusterId", "Bad_Name");

        assertThat(problemsOf(tree)).containsExactly("clusterId: \"Bad_Name\" is not a DNS-1123 label");
    }

    @Test
    void overlongNamesSayHowLongTheyAre() throws Exception {
        ObjectNode tree = inventoryTree();
        ((ObjectNode) tree.at("/exports/0/service")).put("namespace", "a".repeat(64));

        assertThat(problemsOf(tree)).containsExactly(
                "exports[0].service.namespace: \"" + "a".repeat(64) + "\" is not a DNS-1123 label (64 characters > 63)");
    }

    @Test
    void portsZeroAndSeventyThousandAreNotPorts() throws Exception {
        ObjectNode tree = inventoryTree();
        ((ObjectNode) tree.at("/exports/0/ports/0")).put("port", 0);
        ((ObjectNode) tree.at("/exports/0/ports/1")).put("port", 70000);

        assertThat(problemsOf(tree)).containsExactly(
                "exports[0].ports[0].port: 0 is not a port (1..65535)",
                "exports[0].ports[1].port: 70000 is not a port (1..65535)");
    }

    @Test
    void everyProblemIsReportedAtOnceInDocumentOrder() throws Exception {
        ObjectNode tree = inventoryTree().put("clusterId", "Bad_Name").put("generation", -1);
        ((ArrayNode) tree.at("/network/podCIDRs")).set(0, "10.16.0.0/33");
        ((ObjectNode) tree.at("/network")).put("kind", "calico");
        ((ObjectNode) tree.at("/exports/0/ports/1")).put("port", 70000);
        ((ObjectNode) tree.at("/exports/0/endpoints/0")).put("address", "east-node-1.example");
        ((ObjectNode) tree.at("/exports/0")).put("weight", 2000).put("type", "ClusterIP");
        ((ObjectNode) tree.at("/exports/1")).remove("exportedAt");

        InvalidDocumentException error = catchThrowableOfType(InvalidDocumentException.class,
                () -> inventories.decode(mapper.writeValueAsBytes(tree)));

        assertThat(error.problems()).extracting(Problem::path).containsExactly(
                "clusterId", "generation", "network.kind", "network.podCIDRs[0]", "exports[0].type",
                "exports[0].ports[1].port", "exports[0].endpoints[0].address", "exports[0].weight",
                "exports[1].exportedAt");
        assertThat(error.problems()).extracting(Problem::message).containsExactly(
                "\"Bad_Name\" is not a DNS-1123 label",
                "-1 must be >= 0",
                "\"calico\" is not one of kube-ovn-overlay, kube-ovn-underlay, other",
                "\"10.16.0.0/33\" is not a CIDR (prefix length 33 > 32)",
                "\"ClusterIP\" is not one of ClusterSetIP, Headless",
                "70000 is not a port (1..65535)",
                "\"east-node-1.example\" is not an IP address",
                "2000 is not a weight (0..1000)",
                "is required");
        assertThat(error.getMessage())
                .startsWith("ClusterInventory has 9 problems:")
                .contains("\n  exports[0].ports[1].port: 70000 is not a port (1..65535)")
                .contains("\n  exports[1].exportedAt: is required");
    }

    @Test
    void unknownFieldsAreIgnoredOnTheWire() throws Exception {
        ObjectNode tree = inventoryTree().put("addedInV2", "whatever");
        ((ObjectNode) tree.at("/network")).putObject("futureBlock").put("x", 1);
        ((ObjectNode) tree.at("/exports/0/ports/0")).put("nodePort", 30000);

        assertThat(inventories.decode(mapper.writeValueAsBytes(tree))).isEqualTo(ModelSamples.inventory());
    }

    @Test
    void wrongJsonTypesSayWhatWasExpected() throws Exception {
        ObjectNode tree = inventoryTree().put("generation", "7");
        ((ObjectNode) tree.at("/network")).put("podCIDRs", "10.16.0.0/16");
        ((ArrayNode) tree.at("/network/serviceCIDRs")).set(0, 10);
        ((ObjectNode) tree.at("/exports/0/service")).put("name", 42);
        ((ObjectNode) tree.at("/exports/0/ports/0")).put("port", 8443.5);
        ((ObjectNode) tree.at("/exports/0/endpoints/0")).putArray("ready");

        assertThat(problemsOf(tree)).containsExactly(
                "generation: \"7\" is not an integer",
                "network.podCIDRs: \"10.16.0.0/16\" is not a list",
                "network.serviceCIDRs[0]: 10 is not a CIDR",
                "exports[0].service.name: 42 is not a string (quote it if it is meant as text)",
                "exports[0].ports[0].port: 8443.5 is not an integer",
                "exports[0].endpoints[0].ready: expected true or false, got a list");
    }

    @Test
    void repeatedKeysAreReportedOnTheLaterEntry() throws Exception {
        ObjectNode tree = inventoryTree();
        ((ObjectNode) tree.at("/exports/1/service")).put("name", "payments");
        ((ArrayNode) tree.at("/network/gatewayNodes")).add("east-node-1");
        ((ObjectNode) tree.at("/exports/0/ports/1")).put("name", "https");

        assertThat(problemsOf(tree)).containsExactly(
                "network.gatewayNodes[2]: \"east-node-1\" duplicates network.gatewayNodes[0]",
                "exports[0].ports[1].name: \"https\" duplicates exports[0].ports[0].name",
                "exports[1].service: bank/payments duplicates exports[0].service");
    }

    @Test
    void severalPortsMustAllBeNamed() throws Exception {
        ObjectNode tree = inventoryTree();
        ((ObjectNode) tree.at("/exports/0/ports/1")).remove("name");

        assertThat(problemsOf(tree)).containsExactly(
                "exports[0].ports[1].name: is required when a service has several ports");
    }

    @Test
    void listsOverTheirLimitAreRefusedWithoutReadingEntries() throws Exception {
        ObjectNode tree = inventoryTree();
        ArrayNode cidrs = ((ObjectNode) tree.at("/network")).putArray("joinCIDRs");
        for (int i = 0; i <= ModelReaders.DEFAULT_MAX_CIDRS; i++) {
            cidrs.add("not a cidr " + i);
        }

        assertThat(problemsOf(tree)).containsExactly(
                "network.joinCIDRs: has 65 entries, more than the limit of 64");
    }

    @Test
    void targetPortKeysAreNamesOrPortNumbers() throws Exception {
        ObjectNode tree = inventoryTree();
        ObjectNode targetPorts = (ObjectNode) tree.at("/exports/0/endpoints/0/targetPorts");
        targetPorts.put("70000", 1).put("Bad Name", 2).put("grpc", 0);

        assertThat(problemsOf(tree)).containsExactly(
                "exports[0].endpoints[0].targetPorts.70000: 70000 is not a port (1..65535)",
                "exports[0].endpoints[0].targetPorts[\"Bad Name\"]: \"Bad Name\" is not a DNS-1123 label",
                "exports[0].endpoints[0].targetPorts.grpc: 0 is not a port (1..65535)");
    }

    @Test
    void deltaGenerationMustMoveForward() {
        DocumentCodec<InventoryDelta> codec = FederationCodecs.inventoryDelta();
        byte[] stale = codec.encode(new InventoryDelta("east", 8, 8, null, null, null));

        assertThatThrownBy(() -> codec.decode(stale))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("generation: 8 must be > baseGeneration (8)");
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        byte[] broken = "{\n  \"clusterId\": \"east\",\n  \"generation\": }".getBytes(StandardCharsets.UTF_8);

        InvalidDocumentException error = catchThrowableOfType(InvalidDocumentException.class,
                () -> inventories.decode(broken));

        assertThat(error.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEmpty();
            assertThat(p.message()).startsWith("line 3, column 17: not valid JSON: ");
        });
    }

    @Test
    void duplicateKeysAndTrailingContentAreParseErrors() {
        assertThatThrownBy(() -> inventories.decode("{\"clusterId\":\"a\",\"clusterId\":\"b\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("Duplicate field 'clusterId'");
        assertThatThrownBy(() -> inventories.decode("{} {}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void deepNestingIsStoppedByTheParserLimit() {
        String deep = "{\"a\":".repeat(FederationJson.DEFAULT_MAX_NESTING_DEPTH + 1) + "1"
                + "}".repeat(FederationJson.DEFAULT_MAX_NESTING_DEPTH + 1);

        assertThatThrownBy(() -> inventories.decode(deep.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("document exceeds a parser limit")
                .hasMessageContaining("nesting depth");
    }

    @Test
    void emptyAndNonObjectDocumentsAreRefused() {
        assertThatThrownBy(() -> inventories.decode(new byte[0]))
                .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("document is empty");
        assertThatThrownBy(() -> inventories.decode("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("expected an object, got a list");
    }

    @Test
    void problemsBeyondTheListLimitAreCountedNotKept() throws Exception {
        ObjectNode tree = inventoryTree();
        ArrayNode endpoints = (ArrayNode) tree.at("/exports/0/endpoints");
        for (int i = 0; i < 250; i++) {
            endpoints.addObject().put("address", "host-" + i);
        }

        InvalidDocumentException error = catchThrowableOfType(InvalidDocumentException.class,
                () -> inventories.decode(mapper.writeValueAsBytes(tree)));

        assertThat(error.problems()).hasSize(Problems.DEFAULT_MAX_PROBLEMS);
        assertThat(error.omittedProblems()).isEqualTo(150);
        assertThat(error.getMessage()).startsWith("ClusterInventory has 250 problems:").endsWith("... and 150 more");
    }

    @Test
    void badServicePropertiesAreEachNamedWithTheirPath() throws Exception {
        ObjectNode tree = inventoryTree();
        ObjectNode properties = ((ObjectNode) tree.at("/exports/0")).putObject("properties");
        properties.put("sessionAffinityTimeoutSeconds", 0);
        properties.put("internalTrafficPolicy", "Nearby");
        properties.putArray("ipFamilies").add("IPv4").add("IPv4");
        properties.putObject("labels").put("bad key!", "x").put("ok", "not a label value!");

        assertThat(problemsOf(tree)).hasSize(5).allSatisfy(p -> assertThat(p).startsWith("exports[0].properties."))
                .anySatisfy(p -> assertThat(p).contains("sessionAffinityTimeoutSeconds").contains("0"))
                .anySatisfy(p -> assertThat(p).contains("internalTrafficPolicy").contains("Nearby"))
                .anySatisfy(p -> assertThat(p).contains("ipFamilies"))
                .anySatisfy(p -> assertThat(p).contains("bad key!"))
                .anySatisfy(p -> assertThat(p).contains("not a label value!"));
    }
}
