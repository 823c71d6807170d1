package io.fedgate.api.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.ServiceProperties;
import io.fedgate.api.model.InventoryDelta;
import io.fedgate.api.net.Cidr;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FederationCodecsTest {
    private final ObjectMapper mapper = FederationJson.mapper();

    @Test
    void inventoryRoundTripsToAnEqualValue() throws Exception {
        DocumentCodec<ClusterInventory> codec = FederationCodecs.clusterInventory();
        ClusterInventory inventory = ModelSamples.inventory();

        assertThat(codec.decode(codec.encode(inventory))).isEqualTo(inventory);
        assertThat(codec.decode(new ByteArrayInputStream(codec.encode(inventory)))).isEqualTo(inventory);
    }

    @Test
    void deltaRoundTripsToAnEqualValue() {
        DocumentCodec<InventoryDelta> codec = FederationCodecs.inventoryDelta();
        InventoryDelta delta = ModelSamples.delta();

        assertThat(codec.decode(codec.encode(delta))).isEqualTo(delta);
    }

    @Test
    void planRoundTripsToAnEqualValue() {
        DocumentCodec<ClusterPlan> codec = FederationCodecs.clusterPlan();
        ClusterPlan plan = ModelSamples.plan();

        assertThat(codec.decode(codec.encode(plan))).isEqualTo(plan);
    }

    @Test
    void ipv6PrefixesAndAddressesSurviveTheRoundTrip() throws Exception {
        DocumentCodec<ClusterInventory> codec = FederationCodecs.clusterInventory();
        ClusterInventory decoded = codec.decode(codec.encode(ModelSamples.inventory()));

        assertThat(decoded.network().podCidrs()).containsExactly(Cidr.parse("10.16.0.0/16"), Cidr.parse("fd00:10:16::/64"));
        assertThat(decoded.network().podCidrs().get(1).isIpv6()).isTrue();
        assertThat(decoded.exports().get(0).endpoints().get(1).address()).isEqualTo("fd00:10:16::a");
        JsonNode wire = mapper.readTree(codec.encode(ModelSamples.inventory()));
        assertThat(wire.at("/network/serviceCIDRs/1").asText()).isEqualTo("fd00:10:96::/108");
    }

    @Test
    void wireFormUsesComponentNamesReadableEnumsAndIsoInstants() throws Exception {
        JsonNode wire = mapper.readTree(FederationCodecs.clusterInventory().encode(ModelSamples.inventory()));

        assertThat(wire.at("/clusterId").asText()).isEqualTo("east");
        assertThat(wire.at("/network/kind").asText()).isEqualTo("kube-ovn-overlay");
        assertThat(wire.at("/network/podCIDRs/0").asText()).isEqualTo("10.16.0.0/16");
        assertThat(wire.at("/network/podCidrs").isMissingNode()).isTrue();
        JsonNode payments = wire.at("/exports/0");
        assertThat(payments.at("/service/namespace").asText()).isEqualTo("bank");
        assertThat(payments.at("/type").asText()).isEqualTo("ClusterSetIP");
        assertThat(payments.at("/sessionAffinity").asText()).isEqualTo("ClientIP");
        assertThat(payments.at("/ports/1/protocol").asText()).isEqualTo("UDP");
        assertThat(payments.at("/policy/loadBalancing").asText()).isEqualTo("weighted");
        assertThat(payments.at("/exportedAt").asText()).isEqualTo("2024-05-01T12:00:00.123Z");
        assertThat(payments.at("/ports/1/appProtocol").isMissingNode()).as("null fields are left out").isTrue();
        assertThat(wire.at("/exports/1/type").asText()).isEqualTo("Headless");
        assertThat(payments.fieldNames()).toIterable().containsExactly("service", "type", "sessionAffinity",
                "ports", "endpoints", "exportedAt", "weight", "priority", "policy");
    }

    @Test
    void planWireFormKeepsHostBitsOfRouterAddressesAndNamesHealthInKebabCase() throws Exception {
        JsonNode wire = mapper.readTree(FederationCodecs.clusterPlan().encode(ModelSamples.plan()));

        assertThat(wire.at("/interconnect/transitSwitches/0/members/0/address").asText()).isEqualTo("169.254.100.1/24");
        assertThat(wire.at("/imports/0/clusters/1/health").asText()).isEqualTo("lease-expired");
        assertThat(wire.at("/imports/0/clusters/1/path").asText()).isEqualTo("gateway");
        assertThat(wire.at("/imports/0/policy/loadBalancing").asText()).isEqualTo("priority-failover");
        assertThat(wire.at("/imports/0/clusters/0").has("healthy")).as("derived accessors are not written").isFalse();
    }

    @Test
    void theMapperBindsTheWireFormBackToRecordsToo() throws Exception {
        byte[] wire = FederationCodecs.clusterPlan().encode(ModelSamples.plan());

        assertThat(mapper.readValue(wire, ClusterPlan.class)).isEqualTo(ModelSamples.plan());
        assertThat(mapper.readValue(FederationCodecs.clusterInventory().encode(ModelSamples.inventory()),
                ClusterInventory.class)).isEqualTo(ModelSamples.inventory());
    }

    @Test
    void equalValuesEncodeToEqualBytes() {
        DocumentCodec<ClusterInventory> codec = FederationCodecs.clusterInventory();

        assertThat(new String(codec.encode(ModelSamples.inventory()), StandardCharsets.UTF_8))
                .isEqualTo(new String(codec.encode(codec.decode(codec.encode(ModelSamples.inventory()))), StandardCharsets.UTF_8));
    }

    @Test
    void servicePropertiesAndEndpointHostnamesRoundTripAndUnsetOnesAreLeftOut() throws Exception {
        DocumentCodec<ClusterInventory> codec = FederationCodecs.clusterInventory();
        ExportedService base = ModelSamples.ledgerExport();
        ServiceProperties properties = new ServiceProperties(10, "Cluster", "PreferClose", List.of("IPv4", "IPv6"),
                Map.of("dummy-label", "true", "team", ""), Map.of("example.com/owner", "payments"));
        ExportedService export = new ExportedService(base.service(), base.type(), base.sessionAffinity(),
                base.ports(), List.of(new Endpoint("10.16.0.11", true, null, null, null, "hello-0")),
                base.exportedAt(), base.weight(), base.priority(), base.policy(), properties);
        ClusterInventory inventory = new ClusterInventory("east", 1, ModelSamples.eastNetwork(),
                List.of(ModelSamples.paymentsExport(), export));

        assertThat(codec.decode(codec.encode(inventory))).isEqualTo(inventory);
        JsonNode wire = mapper.readTree(codec.encode(inventory));
        assertThat(wire.at("/exports/0/properties").isMissingNode()).as("no property set: no properties").isTrue();
        assertThat(wire.at("/exports/1/properties/ipFamilies/1").asText()).isEqualTo("IPv6");
        assertThat(wire.at("/exports/1/properties/labels/team").asText()).isEmpty();
        assertThat(wire.at("/exports/1/endpoints/0/hostname").asText()).isEqualTo("hello-0");
        ExportedService partial = new ExportedService(base.service(), base.type(), base.sessionAffinity(),
                base.ports(), base.endpoints(), base.exportedAt(), base.weight(), base.priority(), base.policy(),
                new ServiceProperties(null, "Local", null, null, null, null));
        JsonNode partialWire = mapper.readTree(codec.encode(new ClusterInventory("east", 1,
                ModelSamples.eastNetwork(), List.of(partial))));
        assertThat(partialWire.at("/exports/0/properties").fieldNames()).toIterable()
                .as("empty lists and maps are left out").containsExactly("internalTrafficPolicy");
    }
}
