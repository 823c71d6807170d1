package io.fedgate.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fedgate.api.topology.Topology;
import io.fedgate.api.topology.TopologyParser;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A simulated cluster with the agent chart's MCS CRDs (v1beta1 stored, v1alpha1 served): like kube-apiserver with
 * conversion None, both versions show the same objects, for reads, lists, watches, updates, status patches and
 * deletes, whichever version wrote them; only {@code apiVersion} follows the version asked for. No agent runs here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServedVersionsIT {
    private static final Path TOPOLOGY = Path.of("..", "topology-examples", "three-cluster-active-active.yaml");
    private static final String GROUP = McsView.GROUP;
    private static final String NAMESPACE = "bank";
    private static final Duration EVENTS = Duration.ofSeconds(10);

    @TempDir
    static Path workDir;

    private LocalCluster cluster;

    @BeforeAll
    void cluster() throws IOException {
        Topology topology = TopologyParser.parse(TOPOLOGY);
        cluster = new LocalCluster(topology.clusters().get(0), List.of("127.0.0.1"), workDir.resolve("certs"));
        cluster.seed().namespace(NAMESPACE);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest(name = "written as {0}, read as {1}")
    @CsvSource({"v1alpha1, v1beta1", "v1beta1, v1alpha1"})
    void anExportWrittenUnderOneVersionIsReadListedAndWatchedUnderTheOther(String written, String read) {
        String name = "web-" + written;
        RecordingWatcher watcher = new RecordingWatcher();
        try (Watch watch = exports(read).inNamespace(NAMESPACE).watch(watcher)) {
            GenericKubernetesResource created = exports(written).inNamespace(NAMESPACE)
                    .resource(export(written, name, Map.of("tier", "gold"))).create();

            assertThat(created.getApiVersion()).isEqualTo(GROUP + "/" + written);
            GenericKubernetesResource got = exports(read).inNamespace(NAMESPACE).withName(name).get();
            assertThat(got).as("visible under " + read).isNotNull();
            assertThat(got.getApiVersion()).isEqualTo(GROUP + "/" + read);
            assertThat(got.getMetadata()).as("the same object").usingRecursiveComparison()
                    .isEqualTo(created.getMetadata());
            assertThat(got.getMetadata().getAnnotations()).containsEntry("tier", "gold");
            assertThat(exports(read).inNamespace(NAMESPACE).list().getItems())
                    .filteredOn(e -> name.equals(e.getMetadata().getName())).singleElement()
                    .extracting(GenericKubernetesResource::getApiVersion).isEqualTo(GROUP + "/" + read);

            exports(written).inNamespace(NAMESPACE).withName(name)
                    .edit(e -> withAnnotation(e, "tier", "silver"));
            assertThat(exports(read).inNamespace(NAMESPACE).withName(name).get().getMetadata().getAnnotations())
                    .containsEntry("tier", "silver");
            exports(written).inNamespace(NAMESPACE).withName(name).delete();
            assertThat(exports(read).inNamespace(NAMESPACE).withName(name).get()).as("deleted under " + written)
                    .isNull();

            await().atMost(EVENTS).untilAsserted(() -> assertThat(watcher.events(name))
                    .containsExactly("ADDED " + GROUP + "/" + read, "MODIFIED " + GROUP + "/" + read,
                            "DELETED " + GROUP + "/" + read));
        }
    }

    @ParameterizedTest(name = "status patched as {0}, read as {1}")
    @CsvSource({"v1alpha1, v1beta1", "v1beta1, v1alpha1"})
    void statusPatchedUnderOneVersionIsSeenUnderTheOther(String patched, String read) {
        String name = "ledger-" + patched;
        exports(read).inNamespace(NAMESPACE).resource(export(read, name, Map.of())).create();

        exports(patched).inNamespace(NAMESPACE).withName(name).subresource("status").patch(
                PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"conditions\":[{\"type\":\"Valid\","
                        + "\"status\":\"True\",\"reason\":\"Valid\",\"message\":\"\","
                        + "\"lastTransitionTime\":\"2026-01-01T00:00:00Z\"}]}}");

        GenericKubernetesResource got = exports(read).inNamespace(NAMESPACE).withName(name).get();
        assertThat(got.getApiVersion()).isEqualTo(GROUP + "/" + read);
        assertThat(got.getAdditionalProperties().get("status")).asString()
                .contains("type=Valid", "status=True", "reason=Valid");
        assertThat(exports(patched).inNamespace(NAMESPACE).withName(name).get().getAdditionalProperties()
                .get("status")).isEqualTo(got.getAdditionalProperties().get("status"));
    }

    @Test
    void kubectlListsTheSameExportsUnderV1alpha1AndThePreferredVersion() throws IOException {
        Kubectl kubectl = Kubectl.find(workDir).orElse(null);
        assumeTrue(kubectl != null, "kubectl is not installed (neither /usr/bin/kubectl nor kubectl on PATH): this "
                + "test drives the real binary; the same behaviour is checked through fabric8's client above");
        Path kubeconfig = workDir.resolve("east.kubeconfig");
        cluster.writeKubeconfig(kubeconfig);
        exports("v1alpha1").inNamespace(NAMESPACE).resource(export("v1alpha1", "fx-alpha", Map.of())).create();
        exports("v1beta1").inNamespace(NAMESPACE).resource(export("v1beta1", "fx-beta", Map.of())).create();
        String columns = "jsonpath={range .items[*]}{.apiVersion} {.metadata.name}{\"\\n\"}{end}";

        String alpha = kubectl.run(kubeconfig, "get", "serviceexports.v1alpha1." + GROUP, "-n", NAMESPACE, "-o",
                columns).assertSucceeded();
        String preferred = kubectl.run(kubeconfig, "get", "serviceexports", "-n", NAMESPACE, "-o", columns)
                .assertSucceeded();

        assertThat(alpha.lines()).contains(GROUP + "/v1alpha1 fx-alpha", GROUP + "/v1alpha1 fx-beta");
        assertThat(preferred.lines()).contains(GROUP + "/v1beta1 fx-alpha", GROUP + "/v1beta1 fx-beta");
        assertThat(names(alpha)).isEqualTo(names(preferred));
        assertThat(kubectl.run(kubeconfig, "get", "svcexport", "fx-alpha", "-n", NAMESPACE, "-o", "name")
                .assertSucceeded().strip()).as("the upstream short name").isEqualTo("serviceexport." + GROUP
                + "/fx-alpha");
    }

    private static List<String> names(String kubectlLines) {
        return kubectlLines.lines().map(line -> line.substring(line.indexOf(' ') + 1)).sorted().toList();
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> exports(String version) {
        return cluster.client().genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup(GROUP)
                .withVersion(version).withKind("ServiceExport").withPlural("serviceexports").withNamespaced(true)
                .build());
    }

    private static GenericKubernetesResource export(String version, String name, Map<String, String> annotations) {
        GenericKubernetesResource export = new GenericKubernetesResource();
        export.setApiVersion(GROUP + "/" + version);
        export.setKind("ServiceExport");
        export.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE)
                .withAnnotations(annotations).build());
        return export;
    }

    private static GenericKubernetesResource withAnnotation(GenericKubernetesResource export, String key,
                                                            String value) {
        export.getMetadata().getAnnotations().put(key, value);
        return export;
    }

    /** The events a watch received: {@code ACTION apiVersion} per object name, in order. */
    private static final class RecordingWatcher implements Watcher<GenericKubernetesResource> {
        private final List<String[]> events = new CopyOnWriteArrayList<>();

        @Override
        public void eventReceived(Action action, GenericKubernetesResource resource) {
            events.add(new String[] {resource.getMetadata().getName(), action + " " + resource.getApiVersion()});
        }

        @Override
        public void onClose(WatcherException cause) {
            // the test closes the watch; a failure would show as missing events
        }

        List<String> events(String name) {
            return events.stream().filter(e -> e[0].equals(name)).map(e -> e[1]).toList();
        }
    }
}
