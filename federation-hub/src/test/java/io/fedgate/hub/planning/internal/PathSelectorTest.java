package io.fedgate.hub.planning.internal;

import static io.fedgate.hub.planning.InventoryFixture.cluster;
import static io.fedgate.hub.planning.InventoryFixture.export;
import static io.fedgate.hub.planning.internal.PlanningSteps.paths;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.DataPath;
import io.fedgate.api.model.KubeOvnSubnet;
import io.fedgate.api.model.NetworkKind;
import io.fedgate.api.net.Cidr;
import io.fedgate.hub.planning.PathDecision;
import io.fedgate.hub.planning.PathReason;
import io.fedgate.hub.planning.PathTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathSelectorTest {

    private static ClusterInventory overlay(String id, String pods) {
        return cluster(id).overlay("az-" + id).pods(pods).services("10.96.0.0/12").build();
    }

    @Test
    void sameClusterIsDirect() {
        PathTable paths = paths(overlay("a", "10.16.0.0/16"), cluster("b").pods("10.17.0.0/16").build());

        assertThat(paths.decision("a", "a").reason()).isEqualTo(PathReason.SAME_CLUSTER);
        assertThat(paths.path("b", "b")).isEqualTo(DataPath.DIRECT);
    }

    @Test
    void nonOverlappingOverlayClustersWithAvailabilityZonesAreRouted() {
        PathTable paths = paths(overlay("a", "10.16.0.0/16"), overlay("b", "10.17.0.0/16"));

        assertThat(paths.decision("a", "b").reason()).isEqualTo(PathReason.INTERCONNECT_GROUP);
        assertThat(paths.path("b", "a")).isEqualTo(DataPath.ROUTED);
    }

    @Test
    void overlappingPodCidrsForceGatewayPath() {
        PathTable paths = paths(overlay("a", "10.16.0.0/16"), overlay("b", "10.16.0.0/16"));

        PathDecision decision = paths.decision("a", "b");
        assertThat(decision.path()).isEqualTo(DataPath.GATEWAY);
        assertThat(decision.reason()).isEqualTo(PathReason.OVERLAPPING_PREFIXES);
        assertThat(decision.clientPrefix()).isEqualTo(Cidr.parse("10.16.0.0/16"));
        assertThat(decision.describe()).isEqualTo("a -> b: GATEWAY, 10.16.0.0/16 of a overlaps 10.16.0.0/16 of b");
    }

    @Test
    void nestedCidrsCountAsOverlap() {
        PathTable paths = paths(overlay("a", "10.16.0.0/16"), overlay("b", "10.16.5.0/24"));

        PathDecision decision = paths.decision("b", "a");
        assertThat(decision.path()).isEqualTo(DataPath.GATEWAY);
        assertThat(decision.clientPrefix()).isEqualTo(Cidr.parse("10.16.5.0/24"));
        assertThat(decision.serverPrefix()).isEqualTo(Cidr.parse("10.16.0.0/16"));
    }

    @Test
    void prefixesWrittenWithHostBitsAreComparedNormalized() {
        PathTable paths = paths(overlay("a", "10.16.0.1/16"), overlay("b", "10.16.200.7/16"));

        assertThat(paths.decision("a", "b").clientPrefix()).hasToString("10.16.0.0/16");
        assertThat(paths.path("a", "b")).isEqualTo(DataPath.GATEWAY);
    }

    @Test
    void overlappingJoinCidrsForceGatewayPath() {
        PathTable paths = paths(
                cluster("a").overlay("az-a").pods("10.16.0.0/16").join("100.64.0.0/16").build(),
                cluster("b").overlay("az-b").pods("10.17.0.0/16").join("100.64.0.0/16").build());

        assertThat(paths.decision("a", "b").reason()).isEqualTo(PathReason.OVERLAPPING_PREFIXES);
        assertThat(paths.decision("a", "b").clientPrefix()).isEqualTo(Cidr.parse("100.64.0.0/16"));
    }

    @Test
    void overlappingKubeOvnSubnetsForceGatewayPath() {
        PathTable paths = paths(
                cluster("a").overlay("az-a").pods("10.16.0.0/16").subnet("tenant", "172.20.0.0/16").build(),
                cluster("b").overlay("az-b").pods("10.17.0.0/16").subnet("tenant", "172.20.128.0/17").build());

        assertThat(paths.path("a", "b")).isEqualTo(DataPath.GATEWAY);
        assertThat(paths.decision("a", "b").clientPrefix()).isEqualTo(Cidr.parse("172.20.0.0/16"));
    }

    @Test
    void identicalServiceCidrsDoNotForceGatewayPath() {
        PathTable paths = paths(
                cluster("a").overlay("az-a").pods("10.16.0.0/16").services("10.96.0.0/12").build(),
                cluster("b").overlay("az-b").pods("10.17.0.0/16").services("10.96.0.0/12").build());

        assertThat(paths.path("a", "b")).isEqualTo(DataPath.ROUTED);
    }

    @Test
    void podCidrInsideOtherClustersServiceCidrForcesGatewayPath() {
        // a's pods could not tell b's pod 10.100.0.5 from one of their own service IPs
        PathTable paths = paths(
                cluster("a").overlay("az-a").pods("10.16.0.0/16").services("10.96.0.0/12").build(),
                cluster("b").overlay("az-b").pods("10.100.0.0/16").services("10.200.0.0/16").build());

        assertThat(paths.decision("a", "b").reason()).isEqualTo(PathReason.OVERLAPPING_PREFIXES);
        assertThat(paths.decision("a", "b").clientPrefix()).isEqualTo(Cidr.parse("10.96.0.0/12"));
        assertThat(paths.decision("a", "b").serverPrefix()).isEqualTo(Cidr.parse("10.100.0.0/16"));
        assertThat(paths.decision("b", "a").clientPrefix()).isEqualTo(Cidr.parse("10.100.0.0/16"));
    }

    @Test
    void ipv6OverlapForcesGateway() {
        PathTable paths = paths(
                cluster("a").overlay("az-a").pods("10.16.0.0/16", "fd00:10:16::/48").build(),
                cluster("b").overlay("az-b").pods("10.17.0.0/16", "fd00:10:16:5::/64").build());

        PathDecision decision = paths.decision("a", "b");
        assertThat(decision.path()).isEqualTo(DataPath.GATEWAY);
        assertThat(decision.clientPrefix()).isEqualTo(Cidr.parse("fd00:10:16::/48"));
        assertThat(decision.serverPrefix()).isEqualTo(Cidr.parse("fd00:10:16:5::/64"));
    }

    @Test
    void ipv6ClustersWithoutOverlapAreRouted() {
        PathTable paths = paths(
                cluster("a").overlay("az-a").pods("fd00:10:16::/64").services("fd00:10:96::/112").build(),
                cluster("b").overlay("az-b").pods("fd00:10:17::/64").services("fd00:10:96::/112").build());

        assertThat(paths.path("a", "b")).isEqualTo(DataPath.ROUTED);
    }

    @Test
    void differentFamiliesNeverOverlap() {
        // ::/0 would cover everything of its own family; 0.0.0.0/0 likewise; neither touches the other family
        PathTable paths = paths(
                cluster("a").overlay("az-a").pods("0.0.0.0/0").build(),
                cluster("b").overlay("az-b").pods("::/0").build());

        assertThat(paths.path("a", "b")).isEqualTo(DataPath.ROUTED);
    }

    @Test
    void underlayPairWithoutOverlapIsDirect() {
        PathTable paths = paths(
                cluster("a").underlay().pods("192.168.10.0/24").services("10.96.0.0/12").build(),
                cluster("b").underlay().pods("192.168.20.0/24").services("10.96.0.0/12").build());

        assertThat(paths.decision("a", "b").reason()).isEqualTo(PathReason.UNDERLAY_WITHOUT_OVERLAP);
        assertThat(paths.path("b", "a")).isEqualTo(DataPath.DIRECT);
    }

    @Test
    void underlayPairWithOverlapUsesGateway() {
        PathTable paths = paths(
                cluster("a").underlay().pods("192.168.10.0/24").build(),
                cluster("b").underlay().pods("192.168.10.128/25").build());

        assertThat(paths.decision("a", "b").reason()).isEqualTo(PathReason.OVERLAPPING_PREFIXES);
    }

    @Test
    void underlayPairIsDirectEvenWhenBothAreInterconnected() {
        PathTable paths = paths(
                cluster("a").overlay("az-a").kind(NetworkKind.KUBE_OVN_UNDERLAY).pods("192.168.10.0/24").build(),
                cluster("b").overlay("az-b").kind(NetworkKind.KUBE_OVN_UNDERLAY).pods("192.168.20.0/24").build(),
                overlay("c", "10.17.0.0/16"));

        assertThat(paths.path("a", "b")).isEqualTo(DataPath.DIRECT);
        assertThat(paths.path("a", "c")).isEqualTo(DataPath.ROUTED);
    }

    @Test
    void underlayClusterWithAvailabilityZoneIsRoutedToOverlayCluster() {
        PathTable paths = paths(
                cluster("a").overlay("az-a").kind(NetworkKind.KUBE_OVN_UNDERLAY).pods("192.168.10.0/24").build(),
                overlay("b", "10.17.0.0/16"));

        assertThat(paths.path("a", "b")).isEqualTo(DataPath.ROUTED);
    }

    @Test
    void underlayAndOverlayWithoutInterconnectionUseGateway() {
        PathTable paths = paths(
                cluster("a").underlay().pods("192.168.10.0/24").build(),
                overlay("b", "10.17.0.0/16"), overlay("c", "10.18.0.0/16"));

        assertThat(paths.decision("a", "b").reason()).isEqualTo(PathReason.CLIENT_OUTSIDE_INTERCONNECT_GROUP);
        assertThat(paths.decision("b", "a").reason()).isEqualTo(PathReason.SERVER_OUTSIDE_INTERCONNECT_GROUP);
    }

    @Test
    void nonOvnClusterAlwaysUsesGateways() {
        PathTable paths = paths(
                cluster("a").pods("10.244.0.0/16").build(),
                overlay("b", "10.17.0.0/16"),
                cluster("c").underlay().pods("192.168.30.0/24").build(),
                cluster("d").pods("10.245.0.0/16").build());

        assertThat(paths.decision("a", "b").reason()).isEqualTo(PathReason.CLIENT_NOT_KUBE_OVN);
        assertThat(paths.decision("b", "a").reason()).isEqualTo(PathReason.SERVER_NOT_KUBE_OVN);
        assertThat(paths.path("a", "c")).isEqualTo(DataPath.GATEWAY);
        assertThat(paths.path("c", "a")).isEqualTo(DataPath.GATEWAY);
        assertThat(paths.path("a", "d")).isEqualTo(DataPath.GATEWAY);
        assertThat(paths.decision("b", "a").describe()).isEqualTo("b -> a: GATEWAY, a does not run Kube-OVN");
    }

    @Test
    void overlayClusterWithoutAvailabilityZoneUsesGateway() {
        PathTable paths = paths(
                cluster("a").kind(NetworkKind.KUBE_OVN_OVERLAY).pods("10.16.0.0/16").build(),
                overlay("b", "10.17.0.0/16"), overlay("c", "10.18.0.0/16"));

        assertThat(paths.decision("a", "b").reason()).isEqualTo(PathReason.CLIENT_OUTSIDE_INTERCONNECT_GROUP);
    }

    @Test
    void loneInterconnectCandidateUsesGateway() {
        PathTable paths = paths(overlay("a", "10.16.0.0/16"), cluster("b").underlay().pods("192.168.1.0/24").build());

        assertThat(paths.decision("a", "b").reason()).isEqualTo(PathReason.CLIENT_OUTSIDE_INTERCONNECT_GROUP);
    }

    @Test
    void clusterOutsideInterconnectGroupUsesGatewayEvenWithoutOverlapToTheOther() {
        // c overlaps a, so c stays out of the group {a, b}: c -> b has no overlap but cannot be routed
        PathTable paths = paths(overlay("a", "10.16.0.0/16"), overlay("b", "10.17.0.0/16"),
                overlay("c", "10.16.128.0/17"));

        assertThat(paths.path("a", "b")).isEqualTo(DataPath.ROUTED);
        assertThat(paths.decision("c", "b").reason()).isEqualTo(PathReason.CLIENT_OUTSIDE_INTERCONNECT_GROUP);
        assertThat(paths.decision("c", "a").reason()).isEqualTo(PathReason.OVERLAPPING_PREFIXES);
    }

    @Test
    void pathsAreSymmetric() {
        ClusterInventory[] clusters = {
                overlay("a", "10.16.0.0/16"), overlay("b", "10.17.0.0/16"), overlay("c", "10.16.128.0/17"),
                cluster("d").pods("10.30.0.0/16").build(), cluster("e").underlay().pods("192.168.1.0/24").build(),
                cluster("f").underlay().pods("192.168.2.0/24").build()};
        PathTable paths = paths(clusters);

        for (String client : paths.clusterIds()) {
            for (String server : paths.clusterIds()) {
                assertThat(paths.path(client, server)).as(client + " <-> " + server)
                        .isEqualTo(paths.path(server, client));
            }
        }
    }

    private static KubeOvnSubnet tenantVpc(String cidr) {
        return new KubeOvnSubnet("tenant", List.of(Cidr.parse(cidr)), false, null, "vpc-a", false, false, List.of());
    }

    private static KubeOvnSubnet privateSubnet(String cidr, String... allow) {
        return new KubeOvnSubnet("payments", List.of(Cidr.parse(cidr)), false, null, null, false, true,
                java.util.Arrays.stream(allow).map(Cidr::parse).toList());
    }

    @Test
    void endpointsInACustomVpcSubnetForceGatewayPathBothWays() {
        PathTable paths = paths(
                cluster("a").overlay("az-a").pods("10.16.0.0/16").subnet(tenantVpc("10.20.0.0/24"))
                        .exports(export("ns/db").tcp("pg", 5432).ready("10.20.0.5")).build(),
                overlay("b", "10.17.0.0/16"));

        PathDecision toA = paths.decision("b", "a");
        assertThat(toA.reason()).isEqualTo(PathReason.SERVER_ENDPOINTS_OFF_INTERCONNECT);
        assertThat(toA.serverPrefix()).isEqualTo(Cidr.parse("10.20.0.0/24"));
        assertThat(toA.describe()).isEqualTo("b -> a: GATEWAY, exported endpoints in 10.20.0.0/24 of a sit in a "
                + "subnet OVN-IC does not carry (custom VPC or disableInterConnection)");
        assertThat(paths.decision("a", "b").reason()).isEqualTo(PathReason.CLIENT_ENDPOINTS_OFF_INTERCONNECT);
        assertThat(paths.path("a", "b")).isEqualTo(DataPath.GATEWAY);
    }

    @Test
    void endpointsInASubnetWithInterconnectionDisabledForceGatewayPath() {
        KubeOvnSubnet isolated = new KubeOvnSubnet("isolated", List.of(Cidr.parse("10.21.0.0/24")), false, null,
                null, true, false, List.of());
        PathTable paths = paths(
                cluster("a").overlay("az-a").pods("10.16.0.0/16").subnet(isolated)
                        .exports(export("ns/web").tcp("http", 80).ready("10.16.0.9", "10.21.0.7")).build(),
                overlay("b", "10.17.0.0/16"));

        assertThat(paths.decision("b", "a").reason()).isEqualTo(PathReason.SERVER_ENDPOINTS_OFF_INTERCONNECT);
        assertThat(paths.decision("b", "a").serverPrefix()).isEqualTo(Cidr.parse("10.21.0.0/24"));
    }

    @Test
    void subnetsOffTheInterconnectWithoutExportedEndpointsKeepTheRoutedPath() {
        PathTable paths = paths(
                cluster("a").overlay("az-a").pods("10.16.0.0/16").subnet(tenantVpc("10.20.0.0/24"))
                        .exports(export("ns/web").tcp("http", 80).ready("10.16.0.9")).build(),
                overlay("b", "10.17.0.0/16"));

        assertThat(paths.decision("b", "a").reason()).isEqualTo(PathReason.INTERCONNECT_GROUP);
    }

    @Test
    void privateSubnetAllowingThePeersPodsKeepsTheRoutedPath() {
        PathTable paths = paths(
                cluster("a").overlay("az-a").pods("10.16.0.0/16").subnet(privateSubnet("10.22.0.0/24", "10.17.0.0/16"))
                        .exports(export("ns/pay").tcp("api", 443).ready("10.22.0.4")).build(),
                overlay("b", "10.17.0.0/16"));

        assertThat(paths.path("b", "a")).isEqualTo(DataPath.ROUTED);
    }

    @Test
    void privateSubnetNotAllowingThePeersPodsForcesGatewayPath() {
        PathTable paths = paths(
                cluster("a").overlay("az-a").pods("10.16.0.0/16").subnet(privateSubnet("10.22.0.0/24", "10.16.0.0/16"))
                        .exports(export("ns/pay").tcp("api", 443).ready("10.22.0.4")).build(),
                overlay("b", "10.17.0.0/16"));

        PathDecision toA = paths.decision("b", "a");
        assertThat(toA.reason()).isEqualTo(PathReason.SERVER_PRIVATE_SUBNET_REFUSES_CLIENT);
        assertThat(toA.serverPrefix()).isEqualTo(Cidr.parse("10.22.0.0/24"));
        assertThat(toA.clientPrefix()).isEqualTo(Cidr.parse("10.17.0.0/16"));
        assertThat(toA.describe()).isEqualTo("b -> a: GATEWAY, exported endpoints of a sit in private subnet "
                + "10.22.0.0/24, whose allowSubnets do not admit 10.17.0.0/16 of b");
        assertThat(paths.decision("a", "b").reason()).isEqualTo(PathReason.CLIENT_PRIVATE_SUBNET_REFUSES_SERVER);
    }
}
