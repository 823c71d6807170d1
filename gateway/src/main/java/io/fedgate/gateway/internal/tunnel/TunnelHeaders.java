package io.fedgate.gateway.internal.tunnel;

import io.netty.util.AsciiString;

/** Header names of tunnel CONNECT requests besides the pseudo-headers. */
public final class TunnelHeaders {
    /** The original client's {@code address:port} as the listening gateway saw it. */
    public static final String CLIENT_ADDRESS = "fedgate-client-address";
    /** The listener {@code address:port} the client connected to. */
    public static final String LISTENER_ADDRESS = "fedgate-listener-address";
    /** The one endpoint of the serving cluster a per-pod flow must reach: its hostname, else its address. */
    public static final String ENDPOINT = "fedgate-endpoint";
    static final AsciiString ENDPOINT_NAME = AsciiString.cached(ENDPOINT);
    static final AsciiString CLIENT_ADDRESS_NAME = AsciiString.cached(CLIENT_ADDRESS);
    static final AsciiString LISTENER_ADDRESS_NAME = AsciiString.cached(LISTENER_ADDRESS);

    private TunnelHeaders() {
    }
}
