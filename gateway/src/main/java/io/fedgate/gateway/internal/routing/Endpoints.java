package io.fedgate.gateway.internal.routing;

import io.fedgate.api.model.ClusterEndpoints;
import io.fedgate.api.model.Endpoint;
import io.fedgate.api.model.ServicePort;
import java.util.ArrayList;
import java.util.List;

/** Endpoint helpers shared by the listening and the serving side. */
final class Endpoints {
    private Endpoints() {
    }

    /** The ready endpoints of {@code cluster} as targets on the backend port of {@code port}. */
    static List<EndpointTarget> readyTargets(ClusterEndpoints cluster, ServicePort port) {
        List<EndpointTarget> targets = new ArrayList<>(cluster.endpoints().size());
        for (Endpoint e : cluster.endpoints()) {
            if (e.ready()) {
                targets.add(new EndpointTarget(cluster.clusterId(), e.address(), targetPort(e, port)));
            }
        }
        return targets;
    }

    /** The port {@code endpoint} listens on for {@code port}: mapped by port name, else by number, else the same. */
    static int targetPort(Endpoint endpoint, ServicePort port) {
        Integer mapped = port.name() == null ? null : endpoint.targetPorts().get(port.name());
        if (mapped == null) {
            mapped = endpoint.targetPorts().get(Integer.toString(port.port()));
        }
        return mapped == null ? port.port() : mapped;
    }
}
