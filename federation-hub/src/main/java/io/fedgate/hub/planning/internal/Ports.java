package io.fedgate.hub.planning.internal;

import io.fedgate.api.model.ServicePort;

/** How service ports are named and shown: an unnamed port's name is the empty string, as Kubernetes has it. */
public final class Ports {
    private Ports() {
    }

    /** The port's name, {@code ""} for an unnamed port (null and empty mean the same in Kubernetes). */
    public static String name(ServicePort port) {
        return port.name() == null ? "" : port.name();
    }

    /** {@code "http" 80/TCP}, {@code unnamed 80/TCP}, plus {@code appProtocol h2c} when set. */
    public static String describe(ServicePort port) {
        String name = name(port).isEmpty() ? "unnamed" : "\"" + port.name() + "\"";
        String app = port.appProtocol() == null ? "" : " appProtocol " + port.appProtocol();
        return name + " " + port.port() + "/" + port.protocol() + app;
    }
}
