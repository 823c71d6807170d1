package io.fedgate.gateway.internal.tunnel;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A decoded CONNECT stream request.
 *
 * @param clientAddress   the original client, when the listening gateway sent it; else null
 * @param listenerAddress the listener the client connected to, when sent; else null
 */
public record ConnectRequest(TunnelTarget target, InetSocketAddress clientAddress, InetSocketAddress listenerAddress) {
    public ConnectRequest {
        Objects.requireNonNull(target, "target");
    }
}
