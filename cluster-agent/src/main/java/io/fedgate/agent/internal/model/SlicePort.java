package io.fedgate.agent.internal.model;

import io.fedgate.api.model.Protocol;

/**
 * A port of an EndpointSlice: the port the endpoints listen on, named like the service port it serves
 * ({@code ""} for a single unnamed port).
 */
public record SlicePort(String name, int port, Protocol protocol, String appProtocol) implements Comparable<SlicePort> {
    public SlicePort {
        name = name == null ? "" : name;
        protocol = protocol == null ? Protocol.TCP : protocol;
    }

    @Override
    public int compareTo(SlicePort o) {
        int c = name.compareTo(o.name);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(port, o.port);
        return c != 0 ? c : protocol.compareTo(o.protocol);
    }
}
