package io.fedgate.agent.internal.model;

import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.ServiceProperties;
import io.fedgate.api.model.SessionAffinity;
import java.util.List;

/**
 * A Service as the inventory needs it.
 *
 * @param type       {@code ClusterIP}, {@code NodePort}, {@code LoadBalancer} or {@code ExternalName}
 * @param headless   {@code spec.clusterIP} is {@code None}
 * @param clusterIp  the allocated cluster IP, or null (headless, or not allocated yet)
 * @param ingress    {@code status.loadBalancer.ingress} addresses (IP or host name)
 * @param properties the Service's affinity timeout, traffic policies and IP families (labels and annotations
 *                   empty: MCS exports the ServiceExport's, never the Service's)
 */
public record ObservedService(ObjectKey key, String type, boolean headless, String clusterIp,
                              SessionAffinity sessionAffinity, List<ServicePort> ports, List<Integer> nodePorts,
                              List<String> ingress, ServiceProperties properties) {
    /** Kubernetes' ExternalName type: a DNS alias, not exportable. */
    public static final String EXTERNAL_NAME = "ExternalName";
    /** Kubernetes' NodePort type. */
    public static final String NODE_PORT = "NodePort";
    /** Kubernetes' LoadBalancer type. */
    public static final String LOAD_BALANCER = "LoadBalancer";

    public ObservedService {
        type = type == null ? "ClusterIP" : type;
        sessionAffinity = sessionAffinity == null ? SessionAffinity.NONE : sessionAffinity;
        ports = ports == null ? List.of() : List.copyOf(ports);
        nodePorts = nodePorts == null ? List.of() : List.copyOf(nodePorts);
        ingress = ingress == null ? List.of() : List.copyOf(ingress);
        properties = properties == null ? ServiceProperties.NONE : properties;
    }

    /** A Service with no MCS properties set. */
    public ObservedService(ObjectKey key, String type, boolean headless, String clusterIp,
                           SessionAffinity sessionAffinity, List<ServicePort> ports, List<Integer> nodePorts,
                           List<String> ingress) {
        this(key, type, headless, clusterIp, sessionAffinity, ports, nodePorts, ingress, ServiceProperties.NONE);
    }
}
