package io.fedgate.api.model;

/**
 * One port of a service. {@code name} may be null for a single unnamed port; {@code appProtocol} is
 * optional.
 */
public record ServicePort(String name, int port, Protocol protocol, String appProtocol) {
    public ServicePort {
        protocol = protocol == null ? Protocol.TCP : protocol;
    }

    /** A TCP port with a name. */
    public static ServicePort tcp(String name, int port) {
        return new ServicePort(name, port, Protocol.TCP, null);
    }
}
