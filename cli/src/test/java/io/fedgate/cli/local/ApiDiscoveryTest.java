package io.fedgate.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiDiscoveryTest {
    private final List<CustomResourceDefinition> stored = new ArrayList<>();
    private final ApiDiscovery discovery = new ApiDiscovery(() -> stored);

    @Test
    void coreGroupServesTheBuiltInKindsWithTheirShortNames() {
        assertThat(discovery.coreVersions().getVersions()).containsExactly("v1");
        List<APIResource> core = discovery.resources("", "v1").orElseThrow().getResources();
        assertThat(core).extracting(APIResource::getName).contains("namespaces", "services", "endpoints", "nodes",
                "configmaps", "secrets", "pods", "serviceaccounts");
        assertThat(core).filteredOn(r -> r.getName().equals("services")).singleElement().satisfies(r -> {
            assertThat(r.getShortNames()).containsExactly("svc");
            assertThat(r.getNamespaced()).isTrue();
            assertThat(r.getVerbs()).contains("get", "list", "watch", "create", "patch", "delete");
        });
        assertThat(discovery.resources("", "v2")).isEmpty();
    }

    @Test
    void storedCrdAddsItsServedVersionsWithTheStorageVersionPreferred() {
        stored.add(mcsCrd("serviceexports", "ServiceExport", "svcex"));

        APIGroup group = discovery.group("multicluster.x-k8s.io").orElseThrow();
        assertThat(group.getPreferredVersion().getVersion()).isEqualTo("v1beta1");
        assertThat(group.getVersions()).extracting(GroupVersionForDiscovery::getGroupVersion)
                .containsExactly("multicluster.x-k8s.io/v1beta1", "multicluster.x-k8s.io/v1alpha1");
        assertThat(discovery.groups().getGroups()).extracting(APIGroup::getName)
                .containsSubsequence("apps", "discovery.k8s.io", "apiextensions.k8s.io", "multicluster.x-k8s.io");
        for (String version : List.of("v1alpha1", "v1beta1")) {
            List<APIResource> resources = discovery.resources("multicluster.x-k8s.io", version).orElseThrow()
                    .getResources();
            assertThat(resources).extracting(APIResource::getName)
                    .containsExactly("serviceexports", "serviceexports/status");
            assertThat(resources.get(0).getShortNames()).containsExactly("svcex");
            assertThat(resources.get(0).getKind()).isEqualTo("ServiceExport");
            assertThat(resources.get(0).getNamespaced()).isTrue();
            assertThat(resources.get(0).getSingularName()).isEqualTo("serviceexport");
        }
    }

    @Test
    void unservedVersionsAndAbsentCrdsAreNotDiscovered() {
        assertThat(discovery.group("multicluster.x-k8s.io")).isEmpty();
        assertThat(discovery.resources("kubeovn.io", "v1")).isEmpty();

        stored.add(mcsCrd("serviceimports", "ServiceImport", "svcim"));
        stored.get(0).getSpec().getVersions().get(0).setServed(false);

        assertThat(discovery.resources("multicluster.x-k8s.io", "v1alpha1")).isEmpty();
        assertThat(discovery.resources("multicluster.x-k8s.io", "v1beta1")).isPresent();
    }

    private static CustomResourceDefinition mcsCrd(String plural, String kind, String shortName) {
        return new CustomResourceDefinitionBuilder().withNewMetadata().withName(plural + ".multicluster.x-k8s.io")
                .endMetadata().withNewSpec().withGroup("multicluster.x-k8s.io").withScope("Namespaced")
                .withNewNames().withPlural(plural).withSingular(kind.toLowerCase()).withKind(kind)
                .withShortNames(shortName).endNames()
                .addNewVersion().withName("v1alpha1").withServed(true).withStorage(false).withNewSubresources()
                .withNewStatus().endStatus().endSubresources().endVersion()
                .addNewVersion().withName("v1beta1").withServed(true).withStorage(true).withNewSubresources()
                .withNewStatus().endStatus().endSubresources().endVersion()
                .endSpec().build();
    }
}
