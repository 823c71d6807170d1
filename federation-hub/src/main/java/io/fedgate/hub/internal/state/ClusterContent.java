package io.fedgate.hub.internal.state;

import java.io.Serializable;
import java.util.Map;

/**
 * One cluster's own part of its plan as stored: the JSON of its export statuses and gateway peers, and the
 * path ({@code DataPath} ordinal) it takes to every cluster, which picks its variant of each service.
 */
public record ClusterContent(byte[] exportStatus, byte[] gatewayPeers, Map<String, Byte> paths)
        implements Serializable {
    private static final long serialVersionUID = 1L;
}
