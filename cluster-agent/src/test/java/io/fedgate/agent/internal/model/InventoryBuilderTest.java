package io.fedgate.agent.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.agent.KubeOvnNames;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.GatewayEndpoint;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.KubeOvnSubnet;
import io.fedgate.api.model.LoadBalancing;
import io.fedgate.api.model.NetworkKind;
import io.fedgate.api.model.Protocol;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.ServiceProperties;
import io.fedgate.api.model.SessionAffinity;
import io.fedgate.api.net.Cidr;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryBuilderTest {
    private static final ServicePort HTTPS = ServicePort.tcp("https", 443);
    private final InventoryBuilder other = new InventoryBuilder(false, List.of(Cidr.parse("10.96.0.0/16")));
    private final InventoryBuilder kubeOvn = new InventoryBuilder(true, List.of());

    @Test
    void validExportCarriesServicePortsEndpointsAndExportTime() {
        LocalInventory inventory = other.build(new Facts().export("bank", "web").service("bank", "web", HTTPS)
                .slice("bank", "web", "IPv4", List.of(new SlicePort("https", 8443, Protocol.TCP, null)),
                        new SliceEndpoint("10.1.0.2", true, "n1", "z1"), new SliceEndpoint("10.1.0.1", false, null, null))
                .build());

        ExportedService export = inventory.exports().get(0);
        assertThat(export.type()).isEqualTo(ImportType.CLUSTER_SET_IP);
        assertThat(export.ports()).containsExactly(HTTPS);
        assertThat(export.exportedAt()).isEqualTo(Facts.T0);
        assertThat(export.endpoints()).containsExactly(
                new Endpoint("10.1.0.1", false, null, null, Map.of("https", 8443)),
                new Endpoint("10.1.0.2", true, "n1", "z1", Map.of("https", 8443)));
        assertThat(inventory.validity().get(new ObjectKey("bank", "web")).valid()).isTrue();
    }

    @Test
    void targetPortEqualToTheServicePortIsNotRecordedAndUnnamedPortsAreKeyedByNumber() {
        LocalInventory inventory = other.build(new Facts().export("bank", "a").service("bank", "a", HTTPS)
                .slice("bank", "a", "IPv4", List.of(new SlicePort("https", 443, Protocol.TCP, null)),
                        new SliceEndpoint("10.1.0.1", true, null, null))
                .export("bank", "b").service("bank", "b", new ServicePort(null, 80, Protocol.TCP, null))
                .slice("bank", "b", "IPv4", List.of(new SlicePort("", 8080, Protocol.TCP, null)),
                        new SliceEndpoint("10.1.0.9", true, null, null))
                .build());

        assertThat(inventory.exports().get(0).endpoints().get(0).targetPorts()).isEmpty();
        assertThat(inventory.exports().get(1).endpoints().get(0).targetPorts()).containsExactly(Map.entry("80", 8080));
    }

    @Test
    void anAddressInTwoSlicesCountsOnceAndReadyWins() {
        List<SlicePort> ports = List.of(new SlicePort("https", 443, Protocol.TCP, null));
        LocalInventory inventory = other.build(new Facts().export("bank", "web").service("bank", "web", HTTPS)
                .slice("bank", "web", "IPv4", ports, new SliceEndpoint("10.1.0.1", false, null, null))
                .slice("bank", "web", "IPv4", ports, new SliceEndpoint("10.1.0.1", true, null, null))
                .slice("bank", "web", "FQDN", ports, new SliceEndpoint("db.example.com", true, null, null))
                .build());

        assertThat(inventory.exports().get(0).endpoints()).extracting(Endpoint::address, Endpoint::ready)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("10.1.0.1", true));
    }

    @Test
    void exportOfAMissingServiceIsInvalidAndExportsNothing() {
        LocalInventory inventory = other.build(new Facts().export("bank", "ghost").build());

        assertThat(inventory.exports()).isEmpty();
        ExportValidity validity = inventory.validity().get(new ObjectKey("bank", "ghost"));
        assertThat(validity.valid()).isFalse();
        assertThat(validity.reason()).isEqualTo("NoService");
        assertThat(validity.message()).contains("Service bank/ghost does not exist");
    }

    @Test
    void exportNamedLikeNoServiceCouldBeIsInvalidEvenWhenAnObjectOfThatNameExists() {
        LocalInventory inventory = other.build(new Facts().export("bank", "web.v2").service("bank", "web.v2", HTTPS)
                .build());

        assertThat(inventory.exports()).isEmpty();
        assertThat(inventory.validity().get(new ObjectKey("bank", "web.v2")).reason()).isEqualTo("InvalidServiceName");
        assertThat(inventory.validity().get(new ObjectKey("bank", "web.v2")).message()).contains("\"web.v2\"");
    }

    @Test
    void externalNameServicesAndBadAnnotationsAreInvalid() {
        ObjectKey alias = new ObjectKey("bank", "alias");
        LocalInventory inventory = other.build(new Facts()
                .export("bank", "alias").service(new ObservedService(alias, "ExternalName", false, null, null, List.of(),
                        List.of(), List.of()))
                .export("bank", "web", Map.of(ExportSettings.WEIGHT, "heavy")).service("bank", "web", HTTPS)
                .build());

        assertThat(inventory.exports()).isEmpty();
        assertThat(inventory.validity().get(alias).reason()).isEqualTo("InvalidServiceType");
        assertThat(inventory.validity().get(new ObjectKey("bank", "web")).message())
                .contains("fedgate.io/weight").contains("\"heavy\"");
    }

    @Test
    void annotationsSetWeightPriorityAndPolicy() {
        LocalInventory inventory = other.build(new Facts()
                .export("bank", "web", Map.of(ExportSettings.WEIGHT, "70", ExportSettings.PRIORITY, "2",
                        ExportSettings.LOAD_BALANCING, "priority-failover", ExportSettings.FAILOVER_ORDER, "east, west"))
                .service("bank", "web", HTTPS).build());

        ExportedService export = inventory.exports().get(0);
        assertThat(export.weight()).isEqualTo(70);
        assertThat(export.priority()).isEqualTo(2);
        assertThat(export.policy().loadBalancing()).isEqualTo(LoadBalancing.PRIORITY_FAILOVER);
        assertThat(export.policy().failoverOrder()).containsExactly("east", "west");
    }

    @Test
    void headlessServiceWithClientIpAffinityIsExportedAsSuch() {
        ObjectKey key = new ObjectKey("bank", "db");
        LocalInventory inventory = other.build(new Facts().export("bank", "db").service(new ObservedService(key,
                "ClusterIP", true, null, SessionAffinity.CLIENT_IP, List.of(HTTPS), List.of(), List.of())).build());

        assertThat(inventory.exports().get(0).type()).isEqualTo(ImportType.HEADLESS);
        assertThat(inventory.exports().get(0).sessionAffinity()).isEqualTo(SessionAffinity.CLIENT_IP);
    }

    @Test
    void exportCarriesTheServicesMcsPropertiesAndTheExportsExportedMetadataOnly() {
        ObjectKey key = new ObjectKey("bank", "hello");
        ServiceProperties ofService = new ServiceProperties(10, "Cluster", "PreferClose", List.of("IPv4", "IPv6"),
                null, null);
        LocalInventory inventory = other.build(new Facts()
                .export(new ObservedExport(key, Facts.T0, 1L, Map.of(), List.of(), Map.of("dummy-label", "true"),
                        Map.of("dummy-annotation", "true")))
                .service(new ObservedService(key, "ClusterIP", false, "10.96.0.9", SessionAffinity.CLIENT_IP,
                        List.of(HTTPS), List.of(), List.of(), ofService))
                .build());

        assertThat(inventory.exports().get(0).properties()).isEqualTo(new ServiceProperties(10, "Cluster",
                "PreferClose", List.of("IPv4", "IPv6"), Map.of("dummy-label", "true"),
                Map.of("dummy-annotation", "true")));
    }

    @Test
    void badExportedLabelsOrAnnotationsMakeTheExportInvalidNamingFieldAndValue() {
        ObjectKey key = new ObjectKey("bank", "hello");
        LocalInventory inventory = other.build(new Facts()
                .export(new ObservedExport(key, Facts.T0, 1L, Map.of(), List.of(),
                        Map.of("tier", "gold plated", "bad key!", "x"), Map.of("a".repeat(64), "y")))
                .service("bank", "hello", HTTPS).build());

        assertThat(inventory.exports()).isEmpty();
        ExportValidity validity = inventory.validity().get(key);
        assertThat(validity.reason()).isEqualTo("InvalidExportedMetadata");
        assertThat(validity.message()).contains("spec.exportedLabels[tier]").contains("\"gold plated\"")
                .contains("spec.exportedLabels: key").contains("\"bad key!\"")
                .contains("spec.exportedAnnotations: key").endsWith("; nothing is exported");
    }

    @Test
    void endpointHostnamesAreCarriedWhenTheyAreDnsLabels() {
        List<SlicePort> ports = List.of(new SlicePort("https", 443, Protocol.TCP, null));
        LocalInventory inventory = other.build(new Facts().export("bank", "web").service("bank", "web", HTTPS)
                .slice("bank", "web", "IPv4", ports, new SliceEndpoint("10.1.0.1", true, null, null, "hello-0"),
                        new SliceEndpoint("10.1.0.2", true, null, null, "Not_A_Label"))
                .build());

        assertThat(inventory.exports().get(0).endpoints()).extracting(Endpoint::hostname)
                .containsExactly("hello-0", null);
    }

    @Test
    void otherCniReportsNodePodCidrsConfiguredServiceCidrsAndMostCommonRegion() {
        LocalInventory inventory = other.build(new Facts()
                .node(new ObservedNode("n1", "eu", "eu-1a", List.of("10.244.1.0/24"), false, null, "198.18.0.1"))
                .node(new ObservedNode("n2", "eu", "eu-1b", List.of("10.244.0.0/24"), false, null, "198.18.0.2"))
                .node(new ObservedNode("n3", "us", "eu-1b", List.of("not-a-cidr"), false, null, "198.18.0.3"))
                .build());

        assertThat(inventory.network().kind()).isEqualTo(NetworkKind.OTHER);
        assertThat(inventory.network().region()).isEqualTo("eu");
        assertThat(inventory.network().zone()).isEqualTo("eu-1b");
        assertThat(inventory.network().podCidrs()).containsExactly(Cidr.parse("10.244.0.0/24"), Cidr.parse("10.244.1.0/24"));
        assertThat(inventory.network().serviceCidrs()).containsExactly(Cidr.parse("10.96.0.0/16"));
        assertThat(inventory.network().availabilityZone()).isNull();
        assertThat(inventory.problems()).singleElement().asString().contains("Node n3").contains("not-a-cidr");
    }

    @Test
    void kubeOvnReportsDefaultJoinAndOtherSubnetsAndTheInterconnectSettings() {
        LocalInventory inventory = kubeOvn.build(new Facts()
                .subnets(new ObservedSubnet("ovn-default", List.of("10.16.0.0/16", "fd00:10:16::/64"), null, true),
                        new ObservedSubnet("join", List.of("100.64.0.0/16"), null, false),
                        new ObservedSubnet("vlan-pods", List.of("192.0.2.0/24"), "vlan10", false))
                .ic(IcConfig.parse(Map.of("enable-ic", "true", "az-name", "az1", "gw-nodes", "gw1, gw2")))
                .build());

        var network = inventory.network();
        assertThat(network.kind()).isEqualTo(NetworkKind.KUBE_OVN_OVERLAY);
        assertThat(network.podCidrs()).containsExactly(Cidr.parse("10.16.0.0/16"), Cidr.parse("fd00:10:16::/64"));
        assertThat(network.joinCidrs()).containsExactly(Cidr.parse("100.64.0.0/16"));
        assertThat(network.subnets()).containsExactly(
                new KubeOvnSubnet("vlan-pods", List.of(Cidr.parse("192.0.2.0/24")), true, "vlan10"));
        assertThat(network.availabilityZone()).isEqualTo("az1");
        assertThat(network.gatewayNodes()).containsExactly("gw1", "gw2");
    }

    @Test
    void subnetsOfCustomVpcsWithInterconnectionDisabledOrPrivateAreMarked() {
        LocalInventory inventory = kubeOvn.build(new Facts()
                .subnets(new ObservedSubnet("ovn-default", List.of("10.16.0.0/16"), null, true),
                        new ObservedSubnet("in-default-vpc", List.of("10.19.0.0/24"), null, false, "ovn-cluster",
                                false, false, List.of()),
                        new ObservedSubnet("tenant", List.of("10.20.0.0/24"), null, false, "vpc-a", false, false,
                                List.of()),
                        new ObservedSubnet("isolated", List.of("10.21.0.0/24"), null, false, "", true, false, List.of()),
                        new ObservedSubnet("payments", List.of("10.22.0.0/24"), null, false, null, false, true,
                                List.of("10.17.0.0/16", "bad", "10.16.0.0/16")))
                .build());

        assertThat(inventory.network().subnets()).containsExactly(
                new KubeOvnSubnet("in-default-vpc", List.of(Cidr.parse("10.19.0.0/24")), false, null),
                new KubeOvnSubnet("isolated", List.of(Cidr.parse("10.21.0.0/24")), false, null, null, true, false,
                        List.of()),
                new KubeOvnSubnet("payments", List.of(Cidr.parse("10.22.0.0/24")), false, null, null, false, true,
                        List.of(Cidr.parse("10.16.0.0/16"), Cidr.parse("10.17.0.0/16"))),
                new KubeOvnSubnet("tenant", List.of(Cidr.parse("10.20.0.0/24")), false, null, "vpc-a", false, false,
                        List.of()));
        assertThat(inventory.problems()).singleElement().asString()
                .contains("Subnet payments spec.allowSubnets").contains("bad");
    }

    @Test
    void clusterRouterAndJoinSubnetNamesComeFromTheConfiguration() {
        InventoryBuilder renamed = new InventoryBuilder(true, List.of(), new KubeOvnNames("my-router", "nodes"));
        LocalInventory inventory = renamed.build(new Facts()
                .subnets(new ObservedSubnet("ovn-default", List.of("10.16.0.0/16"), null, true),
                        new ObservedSubnet("nodes", List.of("100.65.0.0/16"), null, false),
                        new ObservedSubnet("join", List.of("100.64.0.0/16"), null, false),
                        new ObservedSubnet("app", List.of("10.19.0.0/24"), null, false, "my-router", false, false,
                                List.of()),
                        new ObservedSubnet("old-default", List.of("10.18.0.0/24"), null, false, "ovn-cluster", false,
                                false, List.of()))
                .build());

        assertThat(inventory.network().joinCidrs()).containsExactly(Cidr.parse("100.65.0.0/16"));
        assertThat(inventory.network().subnets()).extracting(KubeOvnSubnet::name, KubeOvnSubnet::vpc)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("app", null),
                        org.assertj.core.groups.Tuple.tuple("join", null),
                        org.assertj.core.groups.Tuple.tuple("old-default", "ovn-cluster"));
    }

    @Test
    void serviceCidrObjectsReplaceTheConfiguredServiceRange() {
        LocalInventory inventory = other.build(new Facts().serviceCidrs("10.100.0.0/16", "fd00:10:96::/112",
                "10.100.0.0/16", "10.101.0.1/24").build());

        assertThat(inventory.network().serviceCidrs()).containsExactly(Cidr.parse("10.100.0.0/16"),
                Cidr.parse("10.101.0.0/24"), Cidr.parse("fd00:10:96::/112"));
    }

    @Test
    void withoutServiceCidrObjectsTheConfiguredServiceRangeIsReported() {
        assertThat(other.build(new Facts().build()).network().serviceCidrs())
                .containsExactly(Cidr.parse("10.96.0.0/16"));
        LocalInventory unusable = other.build(new Facts().serviceCidrs("not-a-cidr").build());
        assertThat(unusable.network().serviceCidrs()).containsExactly(Cidr.parse("10.96.0.0/16"));
        assertThat(unusable.problems()).singleElement().asString().contains("ServiceCIDR spec.cidrs")
                .contains("not-a-cidr");
    }

    @Test
    void kubeOvnWithAnUnderlayDefaultSubnetIsUnderlayAndWithoutInterconnectionHasNoZone() {
        LocalInventory inventory = kubeOvn.build(new Facts()
                .subnets(new ObservedSubnet("ovn-default", List.of("10.16.0.0/16"), "provider-vlan", true))
                .ic(IcConfig.parse(Map.of("enable-ic", "false", "az-name", "az1", "gw-nodes", "gw1"))).build());

        assertThat(inventory.network().kind()).isEqualTo(NetworkKind.KUBE_OVN_UNDERLAY);
        assertThat(inventory.network().availabilityZone()).isNull();
        assertThat(inventory.network().gatewayNodes()).isEmpty();
    }

    @Test
    void kubeOvnWithoutItsSubnetCrdIsReportedAsAnotherCni() {
        LocalInventory inventory = kubeOvn.build(new Facts()
                .ic(IcConfig.parse(Map.of("enable-ic", "true", "az-name", "az1", "gw-nodes", "gw1"))).build());

        assertThat(inventory.network().kind()).isEqualTo(NetworkKind.OTHER);
        assertThat(inventory.network().availabilityZone()).isNull();
    }

    @Test
    void gatewaysAreTheLoadBalancerAddressesOrTheLabelledNodesOrTheReplicas() {
        ObjectKey key = new ObjectKey("fedgate-system", "fedgate-gateway");
        ServicePort tunnel = ServicePort.tcp("tunnel", 15443);
        GatewayReplica ready = new GatewayReplica("gw-0", "10.1.0.50", true, "n1", 15443);
        GatewayReplica starting = new GatewayReplica("gw-1", "10.1.0.51", false, "n2", 15443);
        ObservedNode labelled = new ObservedNode("n1", null, null, List.of(), true, "203.0.113.7", "198.18.0.1");
        ObservedNode plain = new ObservedNode("n2", null, null, List.of(), false, null, "198.18.0.2");

        ObservedService balancer = new ObservedService(key, "LoadBalancer", false, "10.96.0.9", null, List.of(tunnel),
                List.of(31443), List.of("gw.example.com"));
        ObservedService nodePort = new ObservedService(key, "NodePort", false, "10.96.0.9", null, List.of(tunnel),
                List.of(31443), List.of());
        ObservedService clusterIp = new ObservedService(key, "ClusterIP", false, "10.96.0.9", null, List.of(tunnel),
                List.of(), List.of());

        assertThat(other.build(new Facts().gateway(balancer, ready).node(labelled).build()).network().gateways())
                .containsExactly(new GatewayEndpoint("gw.example.com", "gw.example.com", 15443));
        assertThat(other.build(new Facts().gateway(nodePort, ready).node(labelled).node(plain).build()).network()
                .gateways()).containsExactly(new GatewayEndpoint("n1", "203.0.113.7", 31443));
        assertThat(other.build(new Facts().gateway(clusterIp, ready, starting).build()).network().gateways())
                .containsExactly(new GatewayEndpoint("gw-0", "10.1.0.50", 15443));
    }
}
