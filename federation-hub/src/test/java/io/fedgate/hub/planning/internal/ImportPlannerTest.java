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
import io.fedgate.api.model.ServiceProperties;
import io.fedgate.api.model.SessionAffinity;
import io.fedgate.api.model.TrafficPolicy;
import io.fedgate.hub.planning.InventoryFixture.ExportBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
    }

    @Test
    void portUnionOfDifferentPortSetsRaisesPortConflictOnEveryExport() {
        // upstream conformance: "should expose the union of the constituent service ports and raise a conflict"
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1).tcp("tcp", 42).udp("udp", 42)),
                exporter("b", export("shop/cart").at(2).tcp("tcp", 42).port(new ServicePort("stcp", 142,
                        Protocol.SCTP, null))));

        assertThat(cart(resolution).ports()).containsExactly(ServicePort.tcp("tcp", 42),
                new ServicePort("udp", 42, Protocol.UDP, null), new ServicePort("stcp", 142, Protocol.SCTP, null));
        for (String cluster : List.of("a", "b")) {
            assertThat(conflict(resolution, cluster).status()).as(cluster).isTrue();
            assertThat(conflict(resolution, cluster).reason()).as(cluster).isEqualTo("PortConflict");
        }
        assertThat(conflict(resolution, "b").message()).isEqualTo("conflicts with the oldest export of shop/cart: "
                + "PortConflict: ports [\"stcp\" 142/SCTP, \"tcp\" 42/TCP] here conflicts with ports [\"tcp\" "
                + "42/TCP, \"udp\" 42/UDP] of cluster \"a\", the import has the union");
        assertThat(conflict(resolution, "a").message()).startsWith("exports of shop/cart disagree; this export's "
                + "values are used (it is the oldest): cluster \"b\": PortConflict");
    }

    @Test
    void samePortsInAnotherOrderAreNoConflict() {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1).tcp("http", 80).tcp("grpc", 9090)),
                exporter("b", export("shop/cart").at(2).tcp("grpc", 9090).tcp("http", 80)));

        assertThat(conflict(resolution, "a")).isEqualTo(new ExportCondition("Conflict", false, "NoConflicts",
                "every export of shop/cart agrees"));
        assertThat(conflict(resolution, "b").status()).isFalse();
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
        assertThat(conflict.message()).isEqualTo("conflicts with the oldest export of shop/cart: PortConflict: port"
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
        assertThat(conflict(resolution, "b").message()).as("the sets differ, but no port clashes")
                .endsWith("the import has the union");
    }

    @Test
    void portConflictNamesTheClusterThatDefinedTheWinningPort() {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1).tcp("http", 80)),
                exporter("b", export("shop/cart").at(2).tcp("grpc", 9090)),
                exporter("c", export("shop/cart").at(3).tcp("grpc", 9091)));

        assertThat(conflict(resolution, "c").message()).contains("port \"grpc\" 9090/TCP of cluster \"b\"");
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
            assertThat(conflict(resolution, "z").message()).contains("values are used (it is the oldest)");
            assertThat(conflict(resolution, "a").message()).contains("of cluster \"z\", which is used");
        }
    }

    @Test
    void tieOnExportTimeGoesToLowestClusterId() {
        ImportResolution resolution = resolve(
                exporter("b", export("shop/cart").at(7).tcp("http", 8080)),
                exporter("a", export("shop/cart").at(7).tcp("http", 80)));

        assertThat(cart(resolution).ports()).containsExactly(ServicePort.tcp("http", 80));
        assertThat(conflict(resolution, "a").message()).contains("it is the oldest");
        assertThat(conflict(resolution, "b").message()).contains("of cluster \"a\"");
    }

    @Test
    void conflictIsReportedOnEveryExportOfAConflictingService() {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1).tcp("http", 80)),
                exporter("b", export("shop/cart").at(2).headless().tcp("http", 80)),
                exporter("c", export("shop/cart").at(3).tcp("http", 80)));

        for (String cluster : List.of("a", "b", "c")) {
            assertThat(conflict(resolution, cluster).status()).as(cluster).isTrue();
            assertThat(conflict(resolution, cluster).reason()).as(cluster).isEqualTo("TypeConflict");
        }
        assertThat(conflict(resolution, "a").message()).isEqualTo("exports of shop/cart disagree; this export's "
                + "values are used (it is the oldest): cluster \"b\": TypeConflict: type Headless here conflicts "
                + "with type ClusterSetIP of cluster \"a\", which is used");
        assertThat(conflict(resolution, "c").message()).startsWith("exports of shop/cart disagree; this export's "
                + "values agree with the oldest's, which are used: cluster \"b\"");
        assertThat(cart(resolution).type()).isEqualTo(ImportType.CLUSTER_SET_IP);
    }

    @Test
    void severalConflictsJoinTheirReasonsWithCommasInAFixedOrder() {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1).tcp("http", 80).tcp("admin", 9000)),
                exporter("b", export("shop/cart").at(2).headless().clientIpAffinity().tcp("http", 8080)
                        .tcp("admin", 9001)));

        ExportStatus status = resolution.exportStatusOf("b").get(0);
        assertThat(status.conditions()).extracting(ExportCondition::type).containsExactly("Valid", "Conflict");
        ExportCondition conflict = status.condition(ExportCondition.CONFLICT);
        assertThat(conflict.reason()).isEqualTo("PortConflict,TypeConflict,SessionAffinityConflict");
        assertThat(conflict.reason()).as("the MCS API's reason pattern")
                .matches("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$");
        assertThat(conflict(resolution, "a").reason()).isEqualTo(conflict.reason());
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

    private static ServiceProperties props(Integer timeout, String internal, String distribution,
                                           List<String> families, Map<String, String> labels,
                                           Map<String, String> annotations) {
        return new ServiceProperties(timeout, internal, distribution, families, labels, annotations);
    }

    private static final ServiceProperties HELLO = props(10, "Cluster", "PreferClose", List.of("IPv4"),
            Map.of("dummy-label", "true"), Map.of("dummy-annotation", "true"));

    @Test
    void importCarriesTheOldestExportsServiceProperties() {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1).clientIpAffinity().properties(HELLO)),
                exporter("b", export("shop/cart").at(2).clientIpAffinity().properties(HELLO)));

        assertThat(cart(resolution).properties()).isEqualTo(HELLO);
        assertThat(conflict(resolution, "a").status()).isFalse();
        assertThat(conflict(resolution, "b").status()).isFalse();
    }

    @Test
    void sessionAffinityTimeoutConflictIsSessionAffinityConfigConflict() {
        assertSinglePropertyConflict(props(30, "Cluster", "PreferClose", List.of("IPv4"),
                HELLO.labels(), HELLO.annotations()), "SessionAffinityConfigConflict",
                "session affinity timeout 30 here conflicts with session affinity timeout 10");
    }

    @Test
    void internalTrafficPolicyConflictSettledByOldestExport() {
        assertSinglePropertyConflict(props(10, "Local", "PreferClose", List.of("IPv4"), HELLO.labels(),
                HELLO.annotations()), "InternalTrafficPolicyConflict",
                "internal traffic policy Local here conflicts with internal traffic policy Cluster");
    }

    @Test
    void trafficDistributionConflictSettledByOldestExport() {
        assertSinglePropertyConflict(props(10, "Cluster", null, List.of("IPv4"), HELLO.labels(),
                HELLO.annotations()), "TrafficDistributionConflict",
                "traffic distribution unset here conflicts with traffic distribution PreferClose");
    }

    @Test
    void anotherSetOfIpFamiliesIsIpFamilyConflict() {
        assertSinglePropertyConflict(props(10, "Cluster", "PreferClose", List.of("IPv6", "IPv4"), HELLO.labels(),
                HELLO.annotations()), "IPFamilyConflict",
                "IP families [IPv4, IPv6] here conflicts with IP families [IPv4]");
    }

    @Test
    void sameIpFamiliesWithAnotherPrimaryAreNoConflict() {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1).properties(props(null, null, null, List.of("IPv4", "IPv6"),
                        null, null))),
                exporter("b", export("shop/cart").at(2).properties(props(null, null, null, List.of("IPv6", "IPv4"),
                        null, null))));

        assertThat(conflict(resolution, "b").status()).isFalse();
        assertThat(cart(resolution).properties().ipFamilies()).containsExactly("IPv4", "IPv6");
    }

    @Test
    void exportedLabelsThatDisagreeAreLabelsConflictAndTheOldestsAreImported() {
        assertSinglePropertyConflict(props(10, "Cluster", "PreferClose", List.of("IPv4"),
                Map.of("dummy-label2", "true"), HELLO.annotations()), "LabelsConflict",
                "exported labels {dummy-label2=true} here conflicts with exported labels {dummy-label=true}");
    }

    @Test
    void exportedAnnotationsThatDisagreeAreAnnotationsConflict() {
        assertSinglePropertyConflict(props(10, "Cluster", "PreferClose", List.of("IPv4"), HELLO.labels(),
                Map.of()), "AnnotationsConflict",
                "exported annotations none here conflicts with exported annotations {dummy-annotation=true}");
    }

    @Test
    void labelsAndAnnotationsConflictsJoinInOneReason() {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1).properties(HELLO)),
                exporter("b", export("shop/cart").at(2).properties(HELLO.withMetadata(Map.of("x", "1"),
                        Map.of("y", "2")))));

        assertThat(conflict(resolution, "a").reason()).isEqualTo("LabelsConflict,AnnotationsConflict");
        assertThat(conflict(resolution, "b").reason()).isEqualTo("LabelsConflict,AnnotationsConflict");
    }

    @Test
    void manyConflictsAreListedUpToALimit() {
        ExportBuilder oldest = export("shop/cart").at(0);
        ExportBuilder newer = export("shop/cart").at(1);
        for (int i = 0; i < ImportPlanner.MAX_LISTED_CONFLICTS + 4; i++) {
            oldest.tcp("p" + i, 1000 + i);
            newer.tcp("p" + i, 2000 + i);
        }
        ImportResolution resolution = resolve(exporter("a", oldest), exporter("b", newer));

        assertThat(conflict(resolution, "b").message()).endsWith("; and 4 more");
    }

    /** Oldest "a" has {@link #HELLO}; newer "b" differs in one property: both get the reason, b's message says it. */
    private void assertSinglePropertyConflict(ServiceProperties newer, String reason, String message) {
        ImportResolution resolution = resolve(
                exporter("a", export("shop/cart").at(1).clientIpAffinity().properties(HELLO)),
                exporter("b", export("shop/cart").at(2).clientIpAffinity().properties(newer)));

        assertThat(cart(resolution).properties()).isEqualTo(HELLO);
        for (String cluster : List.of("a", "b")) {
            ExportCondition conflict = conflict(resolution, cluster);
            assertThat(conflict.status()).as(cluster).isTrue();
            assertThat(conflict.reason()).as(cluster).isEqualTo(reason);
        }
        assertThat(conflict(resolution, "b").message()).contains(message + " of cluster \"a\", which is used");
    }
}
