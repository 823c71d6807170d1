package io.fedgate.hub.planning.internal;

import static io.fedgate.hub.planning.InventoryFixture.cluster;
import static io.fedgate.hub.planning.InventoryFixture.export;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ExportCondition;
import io.fedgate.api.model.ExportStatus;
import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.LoadBalancing;
import io.fedgate.api.model.Protocol;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.SessionAffinity;
import io.fedgate.api.model.TrafficPolicy;
import io.fedgate.hub.planning.InventoryFixture.ExportBuilder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportPlannerTest {
    private static final ServiceKey CART = ServiceKey.parse("shop/cart");

    private final ImportPlanner planner = new ImportPlanner();

    private static ClusterInventory exporter(String id, ExportBuilder export) {
        return cluster(id).exports(export).build();
    }

    private ImportResolution resolve(ClusterInventory... clusters) {
        return planner.resolve(Arrays.asList(clusters));
    }

    private static MergedService cart(ImportResolution resolution) {
        return resolution.services().stream().filter(s -> s.service().equals(CART)).findFirst().orElseThrow();
    }

    private static ExportCondition conflict(ImportResolution resolution, String clusterId) {
        return resolution.exportStatusOf(clusterId).stream().filter(s -> s.service().equals(CART)).findFirst()
                .orElseThrow().condition(ExportCondition.CONFLICT);
    }

    @Test
    void portsAreTheUnionOfExportersPorts() {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1).tcp("http", 80)),
                exporter("b", export("shop/cart").at(2).tcp("grpc", 9090)),
                exporter("c", export("shop/cart").at(3).tcp("http", 80).udp("metrics", 9100)));

        assertThat(cart(resolution).ports()).containsExactly(ServicePort.tcp("http", 80),
                ServicePort.tcp("grpc", 9090), new ServicePort("metrics", 9100, Protocol.UDP, null));
        assertThat(conflict(resolution, "c").status()).isFalse();
    }

    @Test
    void samePortNameWithAnotherNumberIsPortConflictSettledByOldestExport() {
        ImportResolution resolution = resolve(
                exporter("b", export("shop/cart").at(20).tcp("http", 8080)),
                exporter("a", export("shop/cart").at(10).tcp("http", 80)));

        assertThat(cart(resolution).ports()).containsExactly(ServicePort.tcp("http", 80));
        ExportCondition conflict = conflict(resolution, "b");
        assertThat(conflict.status()).isTrue();
        assertThat(conflict.reason()).isEqualTo("PortConflict");
        assertThat(conflict.message()).isEqualTo("conflicts with older exports of shop/cart: PortConflict: port"
                + " \"http\" 8080/TCP here conflicts with port \"http\" 80/TCP of cluster \"a\", which is used");
    }

    @Test
    void samePortNameWithAnotherProtocolIsPortConflict() {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1).tcp("dns", 53)),
                exporter("b", export("shop/cart").at(2).udp("dns", 53)));

        assertThat(cart(resolution).ports()).containsExactly(ServicePort.tcp("dns", 53));
        assertThat(conflict(resolution, "b").reason()).isEqualTo("PortConflict");
    }

    @Test
    void sameNumberAndProtocolUnderAnotherNameIsPortConflict() {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1).tcp("http", 80)),
                exporter("b", export("shop/cart").at(2).tcp("web", 80)));

        assertThat(cart(resolution).ports()).containsExactly(ServicePort.tcp("http", 80));
        assertThat(conflict(resolution, "b").message()).contains("port \"web\" 80/TCP here conflicts with port"
                + " \"http\" 80/TCP of cluster \"a\"");
    }

    @Test
    void unnamedPortAgainstNamedPortWithSameNumberIsPortConflict() {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1).port(new ServicePort(null, 80, Protocol.TCP, null))),
                exporter("b", export("shop/cart").at(2).tcp("http", 80)));

        assertThat(cart(resolution).ports()).containsExactly(new ServicePort(null, 80, Protocol.TCP, null));
        assertThat(conflict(resolution, "b").message()).contains("port unnamed 80/TCP of cluster \"a\"");
    }

    @Test
    void unnamedAndEmptyPortNamesAreTheSamePort() {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1).port(new ServicePort(null, 80, Protocol.TCP, null))),
                exporter("b", export("shop/cart").at(2).port(new ServicePort("", 80, Protocol.TCP, null))));

        assertThat(cart(resolution).ports()).hasSize(1);
        assertThat(conflict(resolution, "b").status()).isFalse();
    }

    @Test
    void anotherAppProtocolIsPortConflict() {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1).port(new ServicePort("web", 80, Protocol.TCP, "http"))),
                exporter("b", export("shop/cart").at(2).port(new ServicePort("web", 80, Protocol.TCP, "h2c"))));

        assertThat(cart(resolution).ports()).containsExactly(new ServicePort("web", 80, Protocol.TCP, "http"));
        assertThat(conflict(resolution, "b").message()).contains("port \"web\" 80/TCP appProtocol h2c here");
    }

    @Test
    void sameNumberWithAnotherProtocolUnderAnotherNameIsNoConflict() {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1).udp("dns", 53)),
                exporter("b", export("shop/cart").at(2).tcp("dns-tcp", 53)));

        // sorted by number, then protocol (TCP before UDP), then name
        assertThat(cart(resolution).ports()).containsExactly(ServicePort.tcp("dns-tcp", 53),
                new ServicePort("dns", 53, Protocol.UDP, null));
        assertThat(conflict(resolution, "b").status()).isFalse();
    }

    @Test
    void portConflictNamesTheClusterThatDefinedTheWinningPort() {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1).tcp("http", 80)),
                exporter("b", export("shop/cart").at(2).tcp("grpc", 9090)),
                exporter("c", export("shop/cart").at(3).tcp("grpc", 9091)));

        assertThat(conflict(resolution, "c").message()).contains("port \"grpc\" 9090/TCP of cluster \"b\"");
        assertThat(conflict(resolution, "b").status()).isFalse();
    }

    @Test
    void typeConflictSettledByOldestExport() {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(5).headless().tcp("http", 80)),
                exporter("b", export("shop/cart").at(1).tcp("http", 80)));

        assertThat(cart(resolution).type()).isEqualTo(ImportType.CLUSTER_SET_IP);
        ExportCondition conflict = conflict(resolution, "a");
        assertThat(conflict.reason()).isEqualTo("TypeConflict");
        assertThat(conflict.message()).contains("TypeConflict: type Headless here conflicts with type ClusterSetIP"
                + " of cluster \"b\", which is used");
    }

    @Test
    void sessionAffinityConflictSettledByOldestExport() {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1).clientIpAffinity()),
                exporter("b", export("shop/cart").at(2)));

        assertThat(cart(resolution).sessionAffinity()).isEqualTo(SessionAffinity.CLIENT_IP);
        ExportCondition conflict = conflict(resolution, "b");
        assertThat(conflict.reason()).isEqualTo("SessionAffinityConflict");
        assertThat(conflict.message()).contains("session affinity None here conflicts with session affinity"
                + " ClientIP of cluster \"a\"");
    }

    @Test
    void trafficPolicyComesFromOldestExport() {
        TrafficPolicy weighted = new TrafficPolicy(LoadBalancing.WEIGHTED, List.of());
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(2)),
                exporter("b", export("shop/cart").at(1).policy(weighted)));

        assertThat(cart(resolution).policy()).isEqualTo(weighted);
        ExportCondition conflict = conflict(resolution, "a");
        assertThat(conflict.reason()).isEqualTo("TrafficPolicyConflict");
        assertThat(conflict.message()).contains("traffic policy LOCAL_FIRST here conflicts with traffic policy"
                + " WEIGHTED of cluster \"b\"");
    }

    @Test
    void oldestExportWinsWhateverTheInputOrder() {
        ClusterInventory oldest = exporter("z", export("shop/cart").at(1).headless().tcp("http", 80));
        ClusterInventory newer = exporter("a", export("shop/cart").at(2).tcp("http", 8080));

        for (ImportResolution resolution : List.of(resolve(oldest, newer), resolve(newer, oldest))) {
            assertThat(cart(resolution).type()).isEqualTo(ImportType.HEADLESS);
            assertThat(cart(resolution).ports()).containsExactly(ServicePort.tcp("http", 80));
            assertThat(conflict(resolution, "z").status()).isFalse();
            assertThat(conflict(resolution, "a").status()).isTrue();
        }
    }

    @Test
    void tieOnExportTimeGoesToLowestClusterId() {
        ImportResolution resolution = resolve(
                exporter("b", export("shop/cart").at(7).tcp("http", 8080)),
                exporter("a", export("shop/cart").at(7).tcp("http", 80)));

        assertThat(cart(resolution).ports()).containsExactly(ServicePort.tcp("http", 80));
        assertThat(conflict(resolution, "a").status()).isFalse();
        assertThat(conflict(resolution, "b").message()).contains("of cluster \"a\"");
    }

    @Test
    void conflictIsReportedOnlyToNewerExportersThatLostSomething() {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1).tcp("http", 80)),
                exporter("b", export("shop/cart").at(2).headless().tcp("http", 80)),
                exporter("c", export("shop/cart").at(3).tcp("http", 80)));

        assertThat(conflict(resolution, "a")).isEqualTo(new ExportCondition("Conflict", false, "NoConflicts",
                "no conflict with older exports of shop/cart"));
        assertThat(conflict(resolution, "b").status()).isTrue();
        assertThat(conflict(resolution, "c").status()).isFalse();
    }

    @Test
    void severalConflictsMakeOneConditionListingAll() {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1).tcp("http", 80).tcp("admin", 9000)),
                exporter("b", export("shop/cart").at(2).headless().clientIpAffinity().tcp("http", 8080)
                        .tcp("admin", 9001)));

        ExportStatus status = resolution.exportStatusOf("b").get(0);
        assertThat(status.conditions()).extracting(ExportCondition::type).containsExactly("Valid", "Conflict");
        ExportCondition conflict = status.condition(ExportCondition.CONFLICT);
        assertThat(conflict.reason()).isEqualTo("MultipleConflicts");
        assertThat(conflict.message()).contains("PortConflict: port \"http\" 8080/TCP", "PortConflict: port"
                + " \"admin\" 9001/TCP", "TypeConflict", "SessionAffinityConflict");
    }

    @Test
    void twoPortConflictsKeepThePortConflictReason() {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1).tcp("http", 80).tcp("admin", 9000)),
                exporter("b", export("shop/cart").at(2).tcp("http", 8080).tcp("admin", 9001)));

        assertThat(conflict(resolution, "b").reason()).isEqualTo("PortConflict");
    }

    @Test
    void everyExportIsValid() {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1)),
                exporter("b", export("shop/cart").at(2).headless()));

        for (String cluster : List.of("a", "b")) {
            assertThat(resolution.exportStatusOf(cluster).get(0).condition(ExportCondition.VALID))
                    .isEqualTo(new ExportCondition("Valid", true, "Valid", "exported to the cluster set as shop/cart"));
        }
    }

    @Test
    void servicesAndExportStatusesAreSortedByServiceKey() {
        ImportResolution resolution = resolve(
                cluster("a").exports(export("shop/orders"), export("bank/ledger"), export("shop/cart")).build(),
                cluster("b").exports(export("shop/cart")).build());

        assertThat(resolution.services()).extracting(s -> s.service().toString())
                .containsExactly("bank/ledger", "shop/cart", "shop/orders");
        assertThat(resolution.exportStatusOf("a")).extracting(s -> s.service().toString())
                .containsExactly("bank/ledger", "shop/cart", "shop/orders");
        assertThat(resolution.exportStatusOf("c")).isEmpty();
    }

    @Test
    void exportersAreListedByClusterId() {
        ImportResolution resolution = resolve(
                exporter("c", export("shop/cart").at(1)),
                exporter("a", export("shop/cart").at(3)),
                exporter("b", export("shop/cart").at(2)));

        assertThat(cart(resolution).exporters()).extracting(ServingExport::clusterId).containsExactly("a", "b", "c");
    }
}
