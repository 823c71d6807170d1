package io.fedgate.api.model;

/**
 * One backend address of an exported service. {@code targetPorts} maps service port names (or the
 * port number as text for unnamed ports) to the port the backend listens on; empty means "same as the
 * service port". {@code hostname} is the EndpointSlice endpoint's {@code hostname} (a StatefulSet pod's
 * name under a headless Service), which gives it the DNS name
 * {@code <hostname>.<cluster>.<service>.<namespace>.svc.clusterset.local}; null when it has none.
 */
public record Endpoint(String address, boolean ready, String nodeName, String zone,
                       java.util.Map<String, Integer> targetPorts, String hostname) {
    public Endpoint {
        targetPorts = targetPorts == null ? java.util.Map.of() : java.util.Map.copyOf(targetPorts);
    }

    /** An endpoint without a hostname. */
    public Endpoint(String address, boolean ready, String nodeName, String zone,
                    java.util.Map<String, Integer> targetPorts) {
        this(address, ready, nodeName, zone, targetPorts, null);
    }

    /** A ready endpoint with no node, zone or port mapping. */
    public static Endpoint ready(String address) {
        return new Endpoint(address, true, null, null, null);
    }
}
