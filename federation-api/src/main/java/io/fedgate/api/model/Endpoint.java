package io.fedgate.api.model;

/**
 * One backend address of an exported service. {@code targetPorts} maps service port names (or the
 * port number as text for unnamed ports) to the port the backend listens on; empty means "same as the
 * service port".
 */
public record Endpoint(String address, boolean ready, String nodeName, String zone,
                       java.util.Map<String, Integer> targetPorts) {
    public Endpoint {
        targetPorts = targetPorts == null ? java.util.Map.of() : java.util.Map.copyOf(targetPorts);
    }

    /** A ready endpoint with no node, zone or port mapping. */
    public static Endpoint ready(String address) {
        return new Endpoint(address, true, null, null, null);
    }
}
