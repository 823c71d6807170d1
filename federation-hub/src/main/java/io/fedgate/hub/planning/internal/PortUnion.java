package io.fedgate.hub.planning.internal;

import io.fedgate.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The union of the exporters' ports, built oldest export first (KEP-1645): a port joins unless its name is
 * taken by a different definition, or its number and protocol are taken under another name or app
 * protocol; then the older definition stays and the newer one is reported as a conflict.
 */
final class PortUnion {
    private static final Comparator<ServicePort> BY_NUMBER_PROTOCOL_NAME = Comparator
            .comparingInt(ServicePort::port).thenComparing(ServicePort::protocol).thenComparing(Ports::name);

    private final Map<String, Owned> byName = new HashMap<>();
    private final Map<String, Owned> byNumber = new HashMap<>();
    private final List<ServicePort> ports = new ArrayList<>();

    /**
     * Adds {@code port} of {@code clusterId}'s export; call in the exports' age order, oldest first.
     *
     * @return the conflicts with older definitions, empty when the port joined or was already there
     */
    List<ExportConflict> add(ServicePort port, String clusterId) {
        Owned named = byName.get(Ports.name(port));
        Owned numbered = byNumber.get(numberAndProtocol(port));
        if (named != null && sameDefinition(named.port(), port)) {
            return List.of();
        }
        List<ExportConflict> conflicts = new ArrayList<>(2);
        if (named != null) {
            conflicts.add(conflict(port, named));
        }
        if (numbered != null && numbered != named) {
            conflicts.add(conflict(port, numbered));
        }
        if (conflicts.isEmpty()) {
            Owned owned = new Owned(port, clusterId);
            byName.put(Ports.name(port), owned);
            byNumber.put(numberAndProtocol(port), owned);
            ports.add(port);
        }
        return conflicts;
    }

    /** The union, sorted by port number, protocol and name. */
    List<ServicePort> ports() {
        return ports.stream().sorted(BY_NUMBER_PROTOCOL_NAME).toList();
    }

    private static ExportConflict conflict(ServicePort mine, Owned theirs) {
        return new ExportConflict(ImportPlanner.REASON_PORT_CONFLICT, "port " + Ports.describe(mine),
                "port " + Ports.describe(theirs.port()), theirs.clusterId());
    }

    private static boolean sameDefinition(ServicePort a, ServicePort b) {
        return Ports.name(a).equals(Ports.name(b)) && a.port() == b.port() && a.protocol() == b.protocol()
                && Objects.equals(a.appProtocol(), b.appProtocol());
    }

    private static String numberAndProtocol(ServicePort port) {
        return port.port() + "/" + port.protocol();
    }

    private record Owned(ServicePort port, String clusterId) {
    }
}
