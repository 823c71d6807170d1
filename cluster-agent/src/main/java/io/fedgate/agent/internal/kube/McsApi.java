package io.fedgate.agent.internal.kube;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;

/**
 * The version of the Multi-Cluster Services API ({@value #GROUP}) this agent speaks: {@value #V1BETA1} where the
 * cluster serves it, {@value #V1ALPHA1} otherwise. {@link CrdGate} chooses it from API discovery once, before
 * the informers start and before any MCS object is read or written; every MCS object the agent writes, and
 * every owner reference to a ServiceImport, carries it. Upstream's two versions have the same schema, so the
 * choice changes the {@code apiVersion} only.
 */
public final class McsApi {
    /** API group of the Multi-Cluster Services API. */
    public static final String GROUP = "multicluster.x-k8s.io";
    /** The version upstream stores since mcs-api v0.5.0. */
    public static final String V1BETA1 = "v1beta1";
    /** The version CRDs installed before mcs-api v0.5.0 (and fedgate's first charts) serve alone. */
    public static final String V1ALPHA1 = "v1alpha1";
    /** Versions the agent can speak, most preferred first. */
    public static final List<String> PREFERENCE = List.of(V1BETA1, V1ALPHA1);

    private volatile String version;

    /** A holder whose version is not chosen yet. */
    public McsApi() {
    }

    /** A holder that speaks {@code version} from the start (tests, tools). */
    public static McsApi of(String version) {
        McsApi api = new McsApi();
        api.choose(version);
        return api;
    }

    /** The chosen version. */
    public String version() {
        String chosen = version;
        if (chosen == null) {
            throw new IllegalStateException("the MCS API version is not chosen yet: the agent's CRD check chooses it"
                    + " before reading or writing MCS objects");
        }
        return chosen;
    }

    /** True once a version is chosen. */
    public boolean chosen() {
        return version != null;
    }

    /** {@code multicluster.x-k8s.io/<version>}. */
    public String apiVersion() {
        return GROUP + "/" + version();
    }

    /** True for the {@code apiVersion} of any MCS version (owner references written before an upgrade). */
    public static boolean isMcs(String apiVersion) {
        return apiVersion != null && apiVersion.startsWith(GROUP + "/");
    }

    /** ServiceExports of the chosen version, namespaced. */
    public ResourceDefinitionContext serviceExports() {
        return context(KubeResources.SERVICE_EXPORT_KIND, "serviceexports");
    }

    /** ServiceImports of the chosen version, namespaced. */
    public ResourceDefinitionContext serviceImports() {
        return context(KubeResources.SERVICE_IMPORT_KIND, "serviceimports");
    }

    void choose(String chosenVersion) {
        if (!PREFERENCE.contains(chosenVersion)) {
            throw new IllegalArgumentException("unknown MCS API version \"" + chosenVersion + "\"; fedgate speaks "
                    + PREFERENCE);
        }
        version = chosenVersion;
    }

    private ResourceDefinitionContext context(String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion(version()).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }
}
