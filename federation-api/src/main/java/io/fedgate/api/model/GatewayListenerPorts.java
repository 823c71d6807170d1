package io.fedgate.api.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ports gateways listen on for gateway-path imports, derived from the plan alone so that a cluster's
 * gateways and its agent (whose derived Service targets the gateways) agree without talking to each other.
 *
 * <p>Every TCP port of every import that {@link ServiceImport#needsGateway() needs a gateway} gets one port in
 * {@code [first, last]}: its preferred port is {@code first + fnv1a32("<namespace>/<name>/<port>") mod size};
 * when two listeners of one plan prefer the same port, the one whose (service, port) sorts first keeps it and
 * the other takes the next free port (wrapping around). The assignment is a pure function of the set of
 * listeners, so it only moves when a newcomer collides with an existing listener's preferred port.
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

    /** One listener: a TCP port of an import. */
    public record Listener(ServiceKey service, int servicePort) implements Comparable<Listener> {
        @Override
        public int compareTo(Listener o) {
            int c = service.compareTo(o.service);
            return c != 0 ? c : Integer.compare(servicePort, o.servicePort);
        }

        @Override
        public String toString() {
            return service + ":" + servicePort;
        }
    }

    /** How many ports the range holds. */
    public int size() {
        return last - first + 1;
    }

    /** The port {@code listener} gets when nothing collides with it. */
    public int preferredPort(Listener listener) {
        byte[] text = (listener.service().namespace() + "/" + listener.service().name() + "/" + listener.servicePort())
                .getBytes(StandardCharsets.UTF_8);
        int hash = 0x811c9dc5;
        for (byte b : text) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return first + (int) (Integer.toUnsignedLong(hash) % size());
    }

    /** The listeners {@code plan} asks its cluster's gateways for: TCP ports of imports that need a gateway. */
    public static List<Listener> listenersOf(ClusterPlan plan) {
        List<Listener> listeners = new ArrayList<>();
        for (ServiceImport i : plan.imports()) {
            if (!i.needsGateway()) {
                continue;
            }
            for (ServicePort p : i.ports()) {
                if (p.protocol() == Protocol.TCP) {
                    listeners.add(new Listener(i.service(), p.port()));
                }
            }
        }
        Collections.sort(listeners);
        return listeners;
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
