package io.fedgate.api.model;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ports gateways listen on for gateway-path imports, derived from the plan alone so that a cluster's
 * gateways and its agent (whose derived Service targets the gateways) agree without talking to each other.
 *
 * <p>Every TCP port of every ClusterSetIP import that {@link ServiceImport#needsGateway() needs a gateway} gets
 * one port in {@code [first, last]}. A headless import gets one port per TCP port and {@link RemoteEndpoint
 * remote endpoint} of each gateway-path cluster instead: a per-pod name must reach that pod, so every remote
 * endpoint needs a listener of its own (the agent gives each an address of its own in front of it). The
 * preferred port is {@code first + fnv1a32("<namespace>/<name>/<port>") mod size}, with
 * {@code "/<cluster>/<endpoint>"} appended for a remote endpoint's listener; when two listeners of one plan
 * prefer the same port, the one that sorts first keeps it and the other takes the next free port (wrapping
 * around). The assignment is a pure function of the set of listeners, so it only moves when a newcomer collides
 * with an existing listener's preferred port.
 *
 * @param first lowest port of the range (1..65535)
 * @param last  highest port of the range, at least {@code first}
 */
public record GatewayListenerPorts(int first, int last) {
    /** 20000-29999: unprivileged, below Linux's default ephemeral range (32768-60999). */
    public static final GatewayListenerPorts DEFAULT = new GatewayListenerPorts(20000, 29999);

    /** @throws IllegalArgumentException naming the bound that is out of range */
    public GatewayListenerPorts {
        if (first < 1 || first > 65535) {
            throw new IllegalArgumentException("first port (" + first + ") must be in 1..65535");
        }
        if (last < first || last > 65535) {
            throw new IllegalArgumentException("last port (" + last + ") must be in " + first + "..65535");
        }
    }

    /**
     * Parses {@code FIRST-LAST}, e.g. {@code 20000-29999}.
     *
     * @throws IllegalArgumentException quoting the text
     */
    public static GatewayListenerPorts parse(String text) {
        int dash = text.indexOf('-');
        try {
            if (dash > 0) {
                return new GatewayListenerPorts(Integer.parseInt(text.substring(0, dash).strip()),
                        Integer.parseInt(text.substring(dash + 1).strip()));
            }
        } catch (NumberFormatException e) {
            // reported below with the expected form
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("\"" + text + "\" is not a port range FIRST-LAST, e.g. 20000-29999");
    }

    /**
     * One endpoint of a headless import in a gateway-path cluster, as both sides name it: the serving cluster,
     * and the endpoint's {@code hostname}, or its address when it has none (a hostname is what stays when a
     * StatefulSet pod is recreated with another address).
     */
    public record RemoteEndpoint(String clusterId, String name) implements Comparable<RemoteEndpoint> {
        public RemoteEndpoint {
            Objects.requireNonNull(clusterId, "clusterId");
            Objects.requireNonNull(name, "name");
        }

        private static final Comparator<RemoteEndpoint> ORDER = Comparator.comparing(RemoteEndpoint::clusterId)
                .thenComparing(RemoteEndpoint::name);

        /** How {@code endpoint} of {@code clusterId} is named. */
        public static RemoteEndpoint of(String clusterId, Endpoint endpoint) {
            return new RemoteEndpoint(clusterId, nameOf(endpoint));
        }

        /** True when this names {@code endpoint} (of this cluster): by hostname, or by address if it has none. */
        public boolean names(Endpoint endpoint) {
            return name.equals(nameOf(endpoint));
        }

        private static String nameOf(Endpoint endpoint) {
            return endpoint.hostname() != null ? endpoint.hostname() : endpoint.address();
        }

        @Override
        public int compareTo(RemoteEndpoint o) {
            return ORDER.compare(this, o);
        }

        @Override
        public String toString() {
            return clusterId + "/" + name;
        }
    }

    /**
     * One listener: a TCP port of an import, and for a headless import the remote endpoint it leads to.
     *
     * @param endpoint the remote endpoint of a headless import, null for a ClusterSetIP import's listener
     */
    public record Listener(ServiceKey service, int servicePort, RemoteEndpoint endpoint) implements Comparable<Listener> {
        private static final Comparator<RemoteEndpoint> ENDPOINTS = Comparator.nullsFirst(Comparator.naturalOrder());

        /** The listener of a ClusterSetIP import's port. */
        public Listener(ServiceKey service, int servicePort) {
            this(service, servicePort, null);
        }

        @Override
        public int compareTo(Listener o) {
            int c = service.compareTo(o.service);
            c = c != 0 ? c : Integer.compare(servicePort, o.servicePort);
            return c != 0 ? c : ENDPOINTS.compare(endpoint, o.endpoint);
        }

        @Override
        public String toString() {
            return service + ":" + servicePort + (endpoint == null ? "" : "@" + endpoint);
        }
    }

    /** How many ports the range holds. */
    public int size() {
        return last - first + 1;
    }

    /** The port {@code listener} gets when nothing collides with it. */
    public int preferredPort(Listener listener) {
        String key = listener.service().namespace() + "/" + listener.service().name() + "/" + listener.servicePort();
        if (listener.endpoint() != null) {
            key += "/" + listener.endpoint().clusterId() + "/" + listener.endpoint().name();
        }
        byte[] text = key.getBytes(StandardCharsets.UTF_8);
        int hash = 0x811c9dc5;
        for (byte b : text) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return first + (int) (Integer.toUnsignedLong(hash) % size());
    }

    /**
     * The listeners {@code plan} asks its cluster's gateways for: TCP ports of imports that need a gateway, per
     * remote endpoint of gateway-path clusters for headless imports.
     */
    public static List<Listener> listenersOf(ClusterPlan plan) {
        Set<Listener> listeners = new TreeSet<>();
        for (ServiceImport i : plan.imports()) {
            if (!i.needsGateway()) {
                continue;
            }
            for (ServicePort p : i.ports()) {
                if (p.protocol() != Protocol.TCP) {
                    continue;
                }
                if (i.type() == ImportType.HEADLESS) {
                    remoteEndpoints(i).forEach(e -> listeners.add(new Listener(i.service(), p.port(), e)));
                } else {
                    listeners.add(new Listener(i.service(), p.port()));
                }
            }
        }
        return List.copyOf(listeners);
    }

    /** The endpoints of {@code service}'s gateway-path clusters, as listeners name them, sorted. */
    public static List<RemoteEndpoint> remoteEndpoints(ServiceImport service) {
        Set<RemoteEndpoint> endpoints = new TreeSet<>();
        for (ClusterEndpoints c : service.clusters()) {
            if (c.path() == DataPath.GATEWAY) {
                c.endpoints().forEach(e -> endpoints.add(RemoteEndpoint.of(c.clusterId(), e)));
            }
        }
        return List.copyOf(endpoints);
    }

    /**
     * The port of every listener of {@code plan}, in listener order.
     *
     * @throws IllegalArgumentException when the plan asks for more listeners than the range holds
     */
    public Map<Listener, Integer> assign(ClusterPlan plan) {
        List<Listener> listeners = listenersOf(plan);
        if (listeners.size() > size()) {
            throw new IllegalArgumentException("plan of " + plan.clusterId() + " asks for " + listeners.size()
                    + " gateway listeners, more than the " + size() + " ports of " + first + "-" + last);
        }
        Map<Listener, Integer> ports = new LinkedHashMap<>();
        Set<Integer> taken = new HashSet<>();
        for (Listener l : listeners) {
            int port = preferredPort(l);
            while (!taken.add(port)) {
                port = port == last ? first : port + 1;
            }
            ports.put(l, port);
        }
        return ports;
    }
}
