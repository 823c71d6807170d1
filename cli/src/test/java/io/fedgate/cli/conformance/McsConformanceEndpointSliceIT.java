package io.fedgate.cli.conformance;

import static io.fedgate.cli.conformance.HelloFixtures.helloService;
import static io.fedgate.cli.conformance.HelloFixtures.helloServiceExport;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fedgate.cli.local.LocalCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The upstream {@code endpoint_slice.go}: the MCS EndpointSlices of an exported service, found by their MCS labels
 * on every cluster for each IP family of the cluster's ServiceImport, and deleted on unexport. Upstream's
 * {@code -skip-verify-eps-managed-by} is off: fedgate's slices must not claim to be the EndpointSlice controller's.
 */
class McsConformanceEndpointSliceIT extends ConformanceCases {
    @Test
    @Tag(McsApi.OPTIONAL)
    @Tag(McsApi.ENDPOINT_SLICE)
    @DisplayName("Exporting a service should create an MCS EndpointSlice in the service's namespace in each cluster "
            + "with the required MCS labels. Unexporting should delete the EndpointSlice.")
    void exportingCreatesLabelledMcsEndpointSlicesInEachClusterAndUnexportingDeletesThem() {
        t.deployAndExport(helloService(), helloServiceExport());

        Map<LocalCluster, List<String>> endpointSliceNames = new LinkedHashMap<>();
        for (LocalCluster cluster : t.clusters()) {
            for (String ipFamily : t.awaitServiceImportIpFamilies(cluster)) {
                EndpointSlice eps = t.awaitMcsEndpointSlice(cluster, ipFamily, "an MCS EndpointSlice was not found on "
                        + "cluster " + cluster.id() + ". An MCS EndpointSlice is identified by the presence of the "
                        + "required MCS labels (" + McsApi.LABEL_SERVICE_NAME + " and " + McsApi.LABEL_SOURCE_CLUSTER
                        + ")");
                String name = eps.getMetadata().getName();
                endpointSliceNames.computeIfAbsent(cluster, c -> new ArrayList<>()).add(name);
                Map<String, String> labels = eps.getMetadata().getLabels();

                assertThat(labels).as("the MCS EndpointSlice %s does not contain the %s label referencing the service "
                        + "name", name, McsApi.LABEL_SERVICE_NAME)
                        .containsEntry(McsApi.LABEL_SERVICE_NAME, t.helloService().getMetadata().getName());
                assertThat(labels).as("the MCS EndpointSlice %s does not contain the %s label", name,
                        McsApi.LABEL_MANAGED_BY).containsKey(McsApi.LABEL_MANAGED_BY);
                assertThat(labels.get(McsApi.LABEL_MANAGED_BY)).as("the MCS EndpointSlice's %s label must not "
                        + "reference %s", McsApi.LABEL_MANAGED_BY, McsApi.K8S_ENDPOINT_SLICE_MANAGED_BY)
                        .isNotEqualTo(McsApi.K8S_ENDPOINT_SLICE_MANAGED_BY);
            }
        }

        t.deleteServiceExport(t.first());

        endpointSliceNames.forEach((cluster, names) -> names.forEach(name -> TestDriver.eventually(
                "the EndpointSlice " + name + " was not deleted on unexport from cluster " + cluster.id(),
                () -> assertThat(cluster.client().discovery().v1().endpointSlices().inNamespace(t.namespace())
                        .withName(name).get()).as("EndpointSlice %s on cluster %s", name, cluster.id()).isNull())));
    }
}
