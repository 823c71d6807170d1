package io.fedgate.cli.conformance;

import static io.fedgate.cli.conformance.HelloFixtures.exporting;
import static io.fedgate.cli.conformance.HelloFixtures.helloService;
import static io.fedgate.cli.conformance.HelloFixtures.helloServiceExport;
import static io.fedgate.cli.conformance.HelloFixtures.port;
import static io.fedgate.cli.conformance.TestDriver.importPorts;
import static io.fedgate.cli.conformance.TestDriver.spec;
import static io.fedgate.cli.conformance.TestDriver.strings;
import static io.fedgate.cli.conformance.TestDriver.toMcsPorts;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fedgate.api.net.IpAddresses;
import io.fedgate.cli.local.LocalCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The upstream {@code service_import.go}: ServiceImports of exported ClusterIP, headless and ExternalName Services,
 * their spec fields, exported labels and annotations, and conflicts between two exporting clusters. Each case runs
 * in its own namespace; one federation serves the class.
 */
class McsConformanceServiceImportIT extends ConformanceCases {
    private static final Map<String, String> EXPORTED_ANNOTATIONS = Map.of("dummy-annotation", "true");
    private static final Map<String, String> EXPORTED_LABELS = Map.of("dummy-label", "true");

    // --- testGeneralServiceImport

    @Test
    @Tag(McsApi.REQUIRED)
    @DisplayName("A ServiceImport should only exist as long as there's at least one exporting cluster")
    void serviceImportExistsOnlyWhileAtLeastOneClusterExports() {
        t.deployAndExport(helloService(), helloServiceExport());
        t.awaitServiceImport(t.first(), null);

        t.deployHelloService(t.second(), helloService());
        t.createServiceExport(t.second(), helloServiceExport());

        t.ensureServiceImport(t.first(), "the ServiceImport no longer exists after exporting on cluster "
                + t.second().id());

        t.deleteServiceExport(t.first());

        t.ensureServiceImport(t.first(), "the ServiceImport no longer exists after unexporting the service on cluster "
                + t.first().id() + " while still exported on cluster " + t.second().id());

        t.deleteServiceExport(t.second());

        t.awaitNoServiceImport(t.first(), "the ServiceImport still exists after unexporting the service on all "
                + "clusters");
    }

    @Test
    @Tag(McsApi.OPTIONAL)
    @Tag(McsApi.EXPORTED_LABELS)
    @DisplayName("Only labels and annotations specified as exported in the ServiceExport should be propagated to the "
            + "ServiceImport")
    void onlyExportedLabelsAndAnnotationsArePropagatedToTheServiceImport() {
        t.deployAndExport(helloService(), exporting(helloServiceExport(), EXPORTED_LABELS, EXPORTED_ANNOTATIONS));

        Service service = t.helloService();
        t.awaitServiceImport(t.first(), serviceImport -> {
            assertHasKeyValues("annotations", serviceImport, annotations(serviceImport), EXPORTED_ANNOTATIONS);
            assertNotHasKeyValues("annotations", serviceImport, annotations(serviceImport),
                    service.getMetadata().getAnnotations());
            assertHasKeyValues("labels", serviceImport, labels(serviceImport), EXPORTED_LABELS);
            assertNotHasKeyValues("labels", serviceImport, labels(serviceImport), service.getMetadata().getLabels());
        });
    }

    @Test
    @Tag(McsApi.OPTIONAL)
    @Tag(McsApi.EXPORTED_LABELS)
    @DisplayName("A service exported on two clusters with conflicting annotations and labels should apply the conflict "
            + "resolution policy and report a Conflict condition on each ServiceExport")
    void conflictingExportedLabelsAndAnnotationsAreResolvedAndReportedOnEachExport() throws InterruptedException {
        Map<String, String> annotations2 = Map.of("dummy-annotation2", "true");
        Map<String, String> labels2 = Map.of("dummy-label2", "true");
        t.deployAndExportOnTwoClusters(
                helloService(), exporting(helloServiceExport(), EXPORTED_LABELS, EXPORTED_ANNOTATIONS),
                helloService(), exporting(helloServiceExport(), labels2, annotations2));

        t.awaitServiceExportCondition(t.first(), McsApi.CONDITION_CONFLICT, McsApi.TRUE);
        t.awaitServiceExportCondition(t.second(), McsApi.CONDITION_CONFLICT, McsApi.TRUE);

        t.awaitServiceImport(t.first(), serviceImport -> {
            assertHasKeyValues("annotations", serviceImport, annotations(serviceImport), EXPORTED_ANNOTATIONS);
            assertNotHasKeyValues("annotations", serviceImport, annotations(serviceImport), annotations2);
            assertHasKeyValues("labels", serviceImport, labels(serviceImport), EXPORTED_LABELS);
            assertNotHasKeyValues("labels", serviceImport, labels(serviceImport), labels2);
        });
    }

    // --- testClusterIPServiceImport

    @Test
    @Tag(McsApi.REQUIRED)
    @Tag(McsApi.CLUSTER_IP)
    @DisplayName("Exporting a ClusterIP service should create a ServiceImport of type ClusterSetIP in the service's "
            + "namespace in each cluster. Unexporting should delete the ServiceImport")
    void exportingAClusterIpServiceCreatesAClusterSetIpServiceImportInEachClusterAndUnexportingDeletesIt() {
        t.deployAndExport(helloService(), helloServiceExport());

        t.awaitServiceExportCondition(t.first(), McsApi.CONDITION_VALID, McsApi.TRUE);
        importOfTypeOnEveryClusterUntilUnexported(McsApi.CLUSTER_SET_IP);
    }

    @Test
    @Tag(McsApi.REQUIRED)
    @Tag(McsApi.CLUSTER_IP)
    @DisplayName("The SessionAffinity for a ClusterSetIP ServiceImport should match the exported service's "
            + "SessionAffinity")
    void sessionAffinityOfAClusterSetIpServiceImportMatchesTheExportedService() {
        t.deployAndExport(helloService(), helloServiceExport());

        Service service = t.helloService();
        Map<String, Object> affinityConfig = Map.of("clientIP",
                Map.of("timeoutSeconds", service.getSpec().getSessionAffinityConfig().getClientIP().getTimeoutSeconds()));
        t.awaitServiceImport(t.first(), serviceImport -> {
            assertThat(spec(serviceImport).get("sessionAffinity")).isEqualTo(service.getSpec().getSessionAffinity());
            assertThat(spec(serviceImport).get("sessionAffinityConfig"))
                    .as("The SessionAffinityConfig of the ServiceImport does not match the exported Service's "
                            + "SessionAffinityConfig").isEqualTo(affinityConfig);
        });
    }

    @Test
    @Tag(McsApi.REQUIRED)
    @Tag(McsApi.CLUSTER_IP)
    @DisplayName("The InternalTrafficPolicy for a ClusterSetIP ServiceImport should match the exported service's "
            + "InternalTrafficPolicy")
    void internalTrafficPolicyOfAClusterSetIpServiceImportMatchesTheExportedService() {
        Service hello = helloService();
        hello.getSpec().setInternalTrafficPolicy("Cluster");
        t.deployAndExport(hello, helloServiceExport());

        t.awaitServiceImport(t.first(), serviceImport -> assertThat(spec(serviceImport).get("internalTrafficPolicy"))
                .as("The InternalTrafficPolicy of the ServiceImport does not match the exported Service's "
                        + "InternalTrafficPolicy").isEqualTo(t.helloService().getSpec().getInternalTrafficPolicy()));
    }

    @Test
    @Tag(McsApi.REQUIRED)
    @Tag(McsApi.CLUSTER_IP)
    @DisplayName("The TrafficDistribution for a ClusterSetIP ServiceImport should match the exported service's "
            + "TrafficDistribution")
    void trafficDistributionOfAClusterSetIpServiceImportMatchesTheExportedService() {
        Service hello = helloService();
        hello.getSpec().setTrafficDistribution("PreferClose");
        t.deployAndExport(hello, helloServiceExport());

        t.awaitServiceImport(t.first(), serviceImport -> assertThat(spec(serviceImport).get("trafficDistribution"))
                .as("The TrafficDistribution of the ServiceImport does not match the exported Service's "
                        + "TrafficDistribution").isEqualTo(t.helloService().getSpec().getTrafficDistribution()));
    }

    @Test
    @Tag(McsApi.REQUIRED)
    @Tag(McsApi.CLUSTER_IP)
    @DisplayName("An IP should be allocated for a ClusterSetIP ServiceImport for each IP family")
    void anIpIsAllocatedForAClusterSetIpServiceImportForEachIpFamily() {
        t.deployAndExport(helloService(), helloServiceExport());

        GenericKubernetesResource serviceImport = t.awaitServiceImport(t.first(), si ->
                assertThat(strings(spec(si).get("ips"))).isNotEmpty());

        List<String> ips = strings(spec(serviceImport).get("ips"));
        List<String> families = strings(spec(serviceImport).get("ipFamilies"));
        assertThat(ips).as("The ServiceImport IPs field must have the same number of IPs as ServiceImport IPFamilies "
                + "%s", families).hasSameSizeAs(families);
        for (int i = 0; i < ips.size(); i++) {
            assertThat(IpAddresses.isLiteral(ips.get(i))).as("The value %s is not a valid IP", ips.get(i)).isTrue();
            assertThat(ipFamilyOf(ips.get(i))).as("The IP family of ServiceImport.Spec.IPs[%d] (%s) must match "
                    + "ServiceImport.Spec.IPFamilies[%d]", i, ips.get(i), i).isEqualTo(families.get(i));
        }
    }

    @Test
    @Tag(McsApi.REQUIRED)
    @Tag(McsApi.CLUSTER_IP)
    @DisplayName("The ports for a ClusterSetIP ServiceImport should match those of the exported service")
    void portsOfAClusterSetIpServiceImportMatchThoseOfTheExportedService() {
        t.deployAndExport(helloService(), helloServiceExport());

        t.awaitServiceImport(t.first(), serviceImport -> assertThat(importPorts(serviceImport))
                .isEqualTo(toMcsPorts(t.helloService().getSpec().getPorts())));
    }

    @Test
    @Tag(McsApi.REQUIRED)
    @Tag(McsApi.CLUSTER_IP)
    @DisplayName("A ClusterIP service exported on two clusters should expose the union of the constituent service "
            + "ports and raise a conflict")
    void clusterIpServiceExportedOnTwoClustersExposesTheUnionOfThePortsAndRaisesAConflict()
            throws InterruptedException {
        Service hello = helloService();
        Service hello2 = helloService();
        ServicePort stcp = port("stcp", 142, "SCTP");
        hello2.getSpec().setPorts(new ArrayList<>(List.of(hello.getSpec().getPorts().get(0), stcp)));
        t.deployAndExportOnTwoClusters(hello, helloServiceExport(), hello2, helloServiceExport());

        t.awaitServiceExportCondition(t.first(), McsApi.CONDITION_CONFLICT, McsApi.TRUE);
        t.awaitServiceExportCondition(t.second(), McsApi.CONDITION_CONFLICT, McsApi.TRUE);

        List<ServicePort> union = new ArrayList<>(t.helloService().getSpec().getPorts());
        union.add(stcp);
        t.awaitServiceImport(t.first(), serviceImport -> assertThat(importPorts(serviceImport))
                .isEqualTo(toMcsPorts(union)));
    }

    @Test
    @Tag(McsApi.REQUIRED)
    @Tag(McsApi.CLUSTER_IP)
    @DisplayName("A ClusterIP service exported on two clusters with conflicting ports should apply the conflict "
            + "resolution policy and report a Conflict condition on each ServiceExport")
    void conflictingPortsOnTwoClustersAreResolvedAndReportedOnEachExport() throws InterruptedException {
        Service hello = helloService();
        Service hello2 = helloService();
        ServicePort tcp = hello.getSpec().getPorts().get(0);
        hello2.getSpec().setPorts(new ArrayList<>(List.of(port(tcp.getName(), tcp.getPort() + 1, tcp.getProtocol()))));
        t.deployAndExportOnTwoClusters(hello, helloServiceExport(), hello2, helloServiceExport());

        t.awaitServiceExportCondition(t.first(), McsApi.CONDITION_CONFLICT, McsApi.TRUE);
        t.awaitServiceExportCondition(t.second(), McsApi.CONDITION_CONFLICT, McsApi.TRUE);

        t.awaitServiceImport(t.first(), serviceImport -> assertThat(importPorts(serviceImport))
                .as("The service ports were not resolved correctly")
                .isEqualTo(toMcsPorts(t.helloService().getSpec().getPorts())));
    }

    // --- testHeadlessServiceImport

    @Test
    @Tag(McsApi.REQUIRED)
    @Tag(McsApi.HEADLESS_LABEL)
    @DisplayName("Exporting a headless service should create a ServiceImport of type Headless in the service's "
            + "namespace in each cluster. Unexporting should delete the ServiceImport")
    void exportingAHeadlessServiceCreatesAHeadlessServiceImportInEachClusterAndUnexportingDeletesIt() {
        t.deployAndExport(headless(helloService()), helloServiceExport());

        importOfTypeOnEveryClusterUntilUnexported(McsApi.HEADLESS);
    }

    /** Every cluster gets a ServiceImport of {@code type}; once the first cluster unexports, every one loses it. */
    private void importOfTypeOnEveryClusterUntilUnexported(String type) {
        for (LocalCluster cluster : t.clusters()) {
            GenericKubernetesResource serviceImport = t.awaitServiceImport(cluster, null);
            assertThat(spec(serviceImport).get("type")).as("ServiceImport on cluster %s has type", cluster.id())
                    .isEqualTo(type);
        }

        t.deleteServiceExport(t.first());

        for (LocalCluster cluster : t.clusters()) {
            t.awaitNoServiceImport(cluster, "the ServiceImport still exists on cluster " + cluster.id()
                    + " after unexporting the service");
        }
    }

    @Test
    @Tag(McsApi.REQUIRED)
    @Tag(McsApi.HEADLESS_LABEL)
    @DisplayName("No clusterset IP should be allocated for a Headless ServiceImport")
    void noClusterSetIpIsAllocatedForAHeadlessServiceImport() {
        t.deployAndExport(headless(helloService()), helloServiceExport());

        t.awaitServiceImport(t.first(), null);

        TestDriver.consistently(TestDriver.ENSURE, Duration.ofSeconds(1), () -> {
            GenericKubernetesResource serviceImport = t.getServiceImport(t.first());
            assertThat(serviceImport).as("ServiceImport on cluster %s", t.first().id()).isNotNull();
            assertThat(strings(spec(serviceImport).get("ips"))).isEmpty();
        });
    }

    // --- testExternalNameService

    @Test
    @Tag(McsApi.REQUIRED)
    @Tag(McsApi.EXTERNAL_NAME)
    @DisplayName("Exporting an ExternalName service should set ServiceExport Valid condition to False")
    void exportingAnExternalNameServiceSetsTheValidConditionToFalse() {
        Service hello = helloService();
        hello.getSpec().setType("ExternalName");
        hello.getSpec().setExternalName("example.com");
        hello.getSpec().setIpFamilyPolicy(null);
        t.deployAndExport(hello, helloServiceExport());

        t.awaitServiceExportCondition(t.first(), McsApi.CONDITION_VALID, McsApi.FALSE);
        t.ensureNoServiceImport(t.first(), "the ServiceImport should not exist for an ExternalName service");
    }

    // --- testServiceTypeConflict

    @Test
    @Tag(McsApi.REQUIRED)
    @DisplayName("A service exported on two clusters with conflicting headlessness should apply the conflict "
            + "resolution policy and report a Conflict condition on the ServiceExport")
    void conflictingHeadlessnessOnTwoClustersIsResolvedAndReportedOnTheExports() throws InterruptedException {
        t.deployAndExportOnTwoClusters(helloService(), helloServiceExport(), headless(helloService()),
                helloServiceExport());

        t.awaitServiceExportCondition(t.first(), McsApi.CONDITION_CONFLICT, McsApi.TRUE);
        t.awaitServiceExportCondition(t.second(), McsApi.CONDITION_CONFLICT, McsApi.TRUE);

        for (LocalCluster cluster : t.clusters()) {
            GenericKubernetesResource serviceImport = t.awaitServiceImport(cluster, null);
            assertThat(spec(serviceImport).get("type")).as("ServiceImport on cluster %s has type", cluster.id())
                    .isEqualTo(McsApi.CLUSTER_SET_IP);
        }
    }

    // --- helpers

    /** {@code helloService.Spec.ClusterIP = corev1.ClusterIPNone}. */
    private static Service headless(Service service) {
        service.getSpec().setClusterIP("None");
        return service;
    }

    /** {@code ipFamilyOf}. */
    private static String ipFamilyOf(String ip) {
        return ip.indexOf(':') >= 0 ? "IPv6" : "IPv4";
    }

    private static Map<String, String> labels(GenericKubernetesResource object) {
        return object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels();
    }

    private static Map<String, String> annotations(GenericKubernetesResource object) {
        return object.getMetadata().getAnnotations() == null ? Map.of() : object.getMetadata().getAnnotations();
    }

    /** Upstream's {@code assertHasKeyValues}: every entry of {@code expected} is in {@code actual}. */
    private static void assertHasKeyValues(String what, GenericKubernetesResource serviceImport,
                                           Map<String, String> actual, Map<String, String> expected) {
        expected.forEach((key, value) -> assertThat(actual).as("%s of ServiceImport %s/%s", what,
                serviceImport.getMetadata().getNamespace(), serviceImport.getMetadata().getName())
                .containsEntry(key, value));
    }

    /** Upstream's {@code assertNotHasKeyValues}: no entry of {@code unexpected} is in {@code actual}. */
    private static void assertNotHasKeyValues(String what, GenericKubernetesResource serviceImport,
                                              Map<String, String> actual, Map<String, String> unexpected) {
        unexpected.forEach((key, value) -> assertThat(actual).as("%s of ServiceImport %s/%s", what,
                serviceImport.getMetadata().getNamespace(), serviceImport.getMetadata().getName())
                .doesNotContainEntry(key, value));
    }
}
