package io.fedgate.gateway.internal.tunnel;

import io.netty.handler.codec.http2.Http2Settings;

/** Bounds on what a tunnel reads from its peer, advertised in the local SETTINGS. */
public final class TunnelLimits {
    /** Streams (flows) one peer may have open on one tunnel at a time. */
    public static final int DEFAULT_MAX_CONCURRENT_STREAMS = 50_000;
    /** Largest header block (decoded) a peer may send: a CONNECT needs far less. */
    public static final int DEFAULT_MAX_HEADER_LIST_BYTES = 8 * 1024;
    /** Largest frame payload a peer may send (the HTTP/2 minimum, which also matches a TLS record). */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024;
    /** Bytes a peer may send on one stream before we acknowledge them: bounds per-flow buffering. */
    public static final int DEFAULT_MAX_STREAM_WINDOW_BYTES = 1024 * 1024;
    /** Bytes a peer may send on one tunnel before we acknowledge them: bounds per-tunnel buffering. */
    public static final int DEFAULT_MAX_CONNECTION_WINDOW_BYTES = 16 * 1024 * 1024;
    /** Longest {@code :authority} accepted (a DNS name of 253 characters plus {@code :65535}). */
    public static final int DEFAULT_MAX_AUTHORITY_CHARS = 253 + 6;
    /** Longest address header ({@code [v6 address]:port}) accepted. */
    public static final int DEFAULT_MAX_ADDRESS_HEADER_CHARS = 64;
    /** Longest {@value TunnelHeaders#ENDPOINT} value: a DNS label (63) or an IPv6 literal (45). */
    public static final int DEFAULT_MAX_ENDPOINT_CHARS = 63;

    private TunnelLimits() {
    }

    /**
     * The SETTINGS an end of a tunnel advertises: the limits above; the dialling side also disables push (a
     * server may not send ENABLE_PUSH at all).
     */
    public static Http2Settings localSettings(boolean server) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(DEFAULT_MAX_CONCURRENT_STREAMS)
                .maxHeaderListSize(DEFAULT_MAX_HEADER_LIST_BYTES)
                .maxFrameSize(DEFAULT_MAX_FRAME_BYTES)
                .initialWindowSize(DEFAULT_MAX_STREAM_WINDOW_BYTES);
        return server ? settings : settings.pushEnabled(false);
    }
}
