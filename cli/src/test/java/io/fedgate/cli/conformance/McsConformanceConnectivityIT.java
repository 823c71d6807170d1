package io.fedgate.cli.conformance;

import static io.fedgate.cli.conformance.HelloFixtures.helloService;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.cli.local.LocalCluster;
import io.fedgate.hubclient.HubClient;
import io.fedgate.hubclient.protocol.ImportSummary;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The upstream {@code connectivity.go}, as far as it runs without pods: its one required case. Upstream sends
 * traffic from a request pod in every cluster to {@code hello.<ns>.svc.clusterset.local} and wants no answer from
 * the hello pod. Here the case asserts what makes the service unreachable in fedgate's model: the hub plans no
 * import of it for any cluster, so no cluster gets a ServiceImport, a derived Service (the ClusterSetIP the
 * clusterset name resolves to) or an MCS EndpointSlice (the addresses traffic to it would reach) for it; held for
 * the upstream ensure period. The connectivity cases that need pods are listed in {@code package-info.java}.
 */
class McsConformanceConnectivityIT extends ConformanceCases {
    @Test
    @Tag(McsApi.REQUIRED)
    @DisplayName("Connectivity to a service that is not exported should be inaccessible")
    void serviceThatIsNotExportedIsInaccessible() {
        // autoExportService = false
        t.deployHelloService(t.first(), helloService());
        ServiceKey hello = new ServiceKey(t.namespace(), HelloFixtures.HELLO);
        HubClient hub = federation.hub().admin();

        TestDriver.consistently(TestDriver.ENSURE, TestDriver.POLL, () -> {
            assertThat(hub.imports()).as("the hub's imports").extracting(ImportSummary::service)
                    .doesNotContain(hello.toString());
            for (LocalCluster cluster : t.clusters()) {
                assertThat(hub.plan(cluster.id()).map(plan -> plan.importOf(hello)))
                        .as("the hub's plan for cluster %s imports %s", cluster.id(), hello).isEmpty();
                assertThat(t.getServiceImport(cluster)).as("ServiceImport %s on cluster %s", hello, cluster.id())
                        .isNull();
                List<String> services = names(cluster.client().services().inNamespace(t.namespace()).list()
                        .getItems());
                assertThat(services).as("Services in %s on cluster %s", t.namespace(), cluster.id())
                        .isEqualTo(cluster == t.first() ? List.of(HelloFixtures.HELLO) : List.of());
                assertThat(names(cluster.client().discovery().v1().endpointSlices().inNamespace(t.namespace())
                        .withLabel(McsApi.LABEL_SERVICE_NAME).list().getItems()))
                        .as("MCS EndpointSlices in %s on cluster %s", t.namespace(), cluster.id()).isEmpty();
            }
        });
    }

    private static List<String> names(List<? extends HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getName()).sorted().toList();
    }
}
