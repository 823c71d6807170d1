package io.fedgate.agent.internal.kube;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Tells whether Kube-OVN's ic-controller runs: the Deployment {@code kube-system/ovn-ic-controller}, which
 * Kube-OVN's chart creates with {@code func.ENABLE_IC=true}, has ready replicas. A GET of that one object
 * (the agent chart grants it by name); safe to call from any thread.
 */
public final class IcControllerProbe {
    /** The Deployment's namespace. */
    public static final String NAMESPACE = "kube-system";
    /** The Deployment's name. */
    public static final String NAME = "ovn-ic-controller";

    private final KubernetesClient client;

    public IcControllerProbe(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Why the controller counts as active, or null when it does not. A Deployment that cannot be read counts
     * as active: fedgate mode must not start writing beside an owner it cannot rule out.
     */
    public String activeReason() {
        String where = "Deployment " + NAMESPACE + "/" + NAME;
        try {
            Deployment d = client.apps().deployments().inNamespace(NAMESPACE).withName(NAME).get();
            if (d == null) {
                return null;
            }
            Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
            return ready != null && ready > 0 ? where + " has " + ready + " ready replica" + (ready == 1 ? "" : "s")
                    : null;
        } catch (KubernetesClientException e) {
            return where + " cannot be read (HTTP " + e.getCode() + ": " + e.getMessage() + ")";
        }
    }
}
