package io.fedgate.cli.local;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersions;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The API discovery documents of a simulated cluster's Kubernetes API, as kube-apiserver serves them without
 * aggregation: {@code /api} ({@link APIVersions}), {@code /apis} ({@link APIGroupList}), {@code /apis/<group>}
 * ({@link APIGroup}) and per group version an {@link APIResourceList}. The built-in kinds are those fedgate, its
 * demo and a person with kubectl touch; every stored CustomResourceDefinition adds its served versions, with its
 * storage version preferred, so what discovery says follows the CRDs the API server holds at the time of the call.
 */
public final class ApiDiscovery {
    private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");
    private static final List<String> STATUS_VERBS = List.of("get", "patch", "update");
    private static final List<GroupVersionResources> BUILT_IN = List.of(
            new GroupVersionResources("", "v1", List.of(
                    resource("namespaces", "Namespace", false, List.of("ns")),
                    resource("services", "Service", true, List.of("svc"), "all"),
                    resource("endpoints", "Endpoints", true, List.of("ep")),
                    resource("nodes", "Node", false, List.of("no")),
                    resource("configmaps", "ConfigMap", true, List.of("cm")),
                    resource("secrets", "Secret", true, List.of()),
                    resource("pods", "Pod", true, List.of("po"), "all"),
                    resource("serviceaccounts", "ServiceAccount", true, List.of("sa")),
                    resource("events", "Event", true, List.of("ev")))),
            new GroupVersionResources("apps", "v1", List.of(
                    resource("deployments", "Deployment", true, List.of("deploy"), "all"))),
            new GroupVersionResources("discovery.k8s.io", "v1", List.of(
                    resource("endpointslices", "EndpointSlice", true, List.of()))),
            new GroupVersionResources("apiextensions.k8s.io", "v1", List.of(
                    resource("customresourcedefinitions", "CustomResourceDefinition", false, List.of("crd", "crds")))));

    private final Supplier<List<CustomResourceDefinition>> crds;

    /** @param crds the CustomResourceDefinitions the API server holds now; asked on every call */
    public ApiDiscovery(Supplier<List<CustomResourceDefinition>> crds) {
        this.crds = crds;
    }

    /** {@code /api}: the core group's versions. */
    public APIVersions coreVersions() {
        return new APIVersionsBuilder().withVersions("v1").addNewServerAddressByClientCIDR()
                .withClientCIDR("0.0.0.0/0").withServerAddress("").endServerAddressByClientCIDR().build();
    }

    /** {@code /apis}: every named group, built-in ones first, then the CRDs' groups in the order they were stored. */
    public APIGroupList groups() {
        return new APIGroupListBuilder().withGroups(catalog().values().stream().map(GroupEntry::toApiGroup).toList())
                .build();
    }

    /** {@code /apis/<name>}, or empty when no such group is served. */
    public Optional<APIGroup> group(String name) {
        return Optional.ofNullable(catalog().get(name)).map(GroupEntry::toApiGroup);
    }

    /**
     * {@code /api/v1} ({@code group} empty) or {@code /apis/<group>/<version>}, or empty when that group version is
     * not served.
     */
    public Optional<APIResourceList> resources(String group, String version) {
        if (group.isEmpty()) {
            return "v1".equals(version) ? Optional.of(list(BUILT_IN.get(0))) : Optional.empty();
        }
        GroupEntry entry = catalog().get(group);
        List<APIResource> resources = entry == null ? null : entry.versions.get(version);
        return resources == null ? Optional.empty()
                : Optional.of(list(new GroupVersionResources(group, version, resources)));
    }

    private Map<String, GroupEntry> catalog() {
        Map<String, GroupEntry> groups = new LinkedHashMap<>();
        for (GroupVersionResources builtIn : BUILT_IN.subList(1, BUILT_IN.size())) {
            groups.computeIfAbsent(builtIn.group, g -> new GroupEntry(g, builtIn.version))
                    .versions.put(builtIn.version, new ArrayList<>(builtIn.resources));
        }
        for (CustomResourceDefinition crd : crds.get()) {
            CustomResourceDefinitionSpec spec = crd.getSpec();
            if (spec == null || spec.getGroup() == null || spec.getNames() == null || spec.getVersions() == null) {
                continue;
            }
            GroupEntry entry = groups.computeIfAbsent(spec.getGroup(), g -> new GroupEntry(g, storageVersion(spec)));
            for (CustomResourceDefinitionVersion version : spec.getVersions()) {
                if (Boolean.TRUE.equals(version.getServed())) {
                    entry.versions.computeIfAbsent(version.getName(), v -> new ArrayList<>()).addAll(resources(spec,
                            version));
                }
            }
        }
        groups.values().removeIf(g -> g.versions.isEmpty());
        return groups;
    }

    private static String storageVersion(CustomResourceDefinitionSpec spec) {
        return spec.getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getStorage()))
                .map(CustomResourceDefinitionVersion::getName).findFirst()
                .orElse(spec.getVersions().isEmpty() ? null : spec.getVersions().get(0).getName());
    }

    private static List<APIResource> resources(CustomResourceDefinitionSpec spec,
                                               CustomResourceDefinitionVersion version) {
        var names = spec.getNames();
        boolean namespaced = "Namespaced".equals(spec.getScope());
        String singular = names.getSingular() != null ? names.getSingular() : names.getKind().toLowerCase(Locale.ROOT);
        List<APIResource> resources = new ArrayList<>();
        resources.add(new APIResourceBuilder().withName(names.getPlural()).withSingularName(singular)
                .withNamespaced(namespaced).withKind(names.getKind()).withVerbs(VERBS)
                .withShortNames(names.getShortNames()).withCategories(names.getCategories()).build());
        if (version.getSubresources() != null && version.getSubresources().getStatus() != null) {
            resources.add(new APIResourceBuilder().withName(names.getPlural() + "/status").withSingularName("")
                    .withNamespaced(namespaced).withKind(names.getKind()).withVerbs(STATUS_VERBS).build());
        }
        return resources;
    }

    private static APIResourceList list(GroupVersionResources gvr) {
        return new APIResourceListBuilder()
                .withGroupVersion(gvr.group.isEmpty() ? gvr.version : gvr.group + "/" + gvr.version)
                .withResources(gvr.resources).build();
    }

    private static APIResource resource(String plural, String kind, boolean namespaced, List<String> shortNames,
                                        String... categories) {
        return new APIResourceBuilder().withName(plural).withSingularName(kind.toLowerCase(Locale.ROOT))
                .withNamespaced(namespaced).withKind(kind).withVerbs(VERBS).withShortNames(shortNames)
                .withCategories(categories).build();
    }

    private record GroupVersionResources(String group, String version, List<APIResource> resources) {
    }

    /** One named group: its preferred version first among its served versions. */
    private static final class GroupEntry {
        private final String name;
        private final String preferred;
        private final Map<String, List<APIResource>> versions = new LinkedHashMap<>();

        private GroupEntry(String name, String preferred) {
            this.name = name;
            this.preferred = preferred;
        }

        private APIGroup toApiGroup() {
            String preferredVersion = versions.containsKey(preferred) ? preferred : versions.keySet().iterator().next();
            List<GroupVersionForDiscovery> served = new ArrayList<>();
            served.add(version(preferredVersion));
            versions.keySet().stream().filter(v -> !v.equals(preferredVersion)).map(this::version).forEach(served::add);
            return new APIGroupBuilder().withName(name).withVersions(served)
                    .withPreferredVersion(version(preferredVersion)).build();
        }

        private GroupVersionForDiscovery version(String version) {
            return new GroupVersionForDiscovery(name + "/" + version, version);
        }
    }
}
