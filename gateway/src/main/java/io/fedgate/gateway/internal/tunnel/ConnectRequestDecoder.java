package io.fedgate.gateway.internal.tunnel;

import io.fedgate.api.net.IpAddresses;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the first frame of a tunnel stream into a {@link ConnectRequest}: it must be a HEADERS frame with
 * {@code :method CONNECT}, a target {@code :authority} and no END_STREAM. Anything else is answered
 * {@code 400} and logged. Once decoded, the stream stops reading (HTTP/2 flow control holds the peer's data
 * until the flow is connected) and this handler leaves the pipeline.
 */
public final class ConnectRequestDecoder extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectRequestDecoder.class);
    private final Object logContext;

    /** @param logContext correlation for log lines: its {@code toString()} is taken when a line is written */
    public ConnectRequestDecoder(Object logContext) {
        this.logContext = logContext;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Http2HeadersFrame)) {
            LOG.warn("{} stream refused (400): first frame is {}, expected HEADERS", logContext,
                    msg.getClass().getSimpleName());
            ReferenceCountUtil.release(msg);
            StreamResponses.refuse(ctx, 400);
            return;
        }
        ConnectRequest request;
        try {
            request = decode((Http2HeadersFrame) msg);
        } catch (IllegalArgumentException e) {
            LOG.warn("{} stream refused (400): {}", logContext, e.getMessage());
            StreamResponses.refuse(ctx, 400);
            return;
        }
        ctx.channel().config().setAutoRead(false);
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(request);
    }

    /** @throws IllegalArgumentException saying what is wrong with the request */
    static ConnectRequest decode(Http2HeadersFrame frame) {
        Http2Headers headers = frame.headers();
        CharSequence method = headers.method();
        if (method == null || !"CONNECT".contentEquals(method)) {
            throw new IllegalArgumentException(":method \"" + method + "\" is not CONNECT");
        }
        if (frame.isEndStream()) {
            throw new IllegalArgumentException("CONNECT ends the stream before any data");
        }
        TunnelTarget target = TunnelTarget.parse(headers.authority()).withEndpoint(endpoint(headers));
        return new ConnectRequest(target, address(headers, TunnelHeaders.CLIENT_ADDRESS_NAME),
                address(headers, TunnelHeaders.LISTENER_ADDRESS_NAME));
    }

    private static String endpoint(Http2Headers headers) {
        CharSequence value = headers.get(TunnelHeaders.ENDPOINT_NAME);
        if (value != null && value.length() > TunnelLimits.DEFAULT_MAX_ENDPOINT_CHARS) {
            throw new IllegalArgumentException(TunnelHeaders.ENDPOINT + " of " + value.length()
                    + " characters is longer than " + TunnelLimits.DEFAULT_MAX_ENDPOINT_CHARS);
        }
        return value == null ? null : value.toString();
    }

    private static InetSocketAddress address(Http2Headers headers, CharSequence name) {
        CharSequence value = headers.get(name);
        if (value == null) {
            return null;
        }
        String text = value.toString();
        if (text.length() > TunnelLimits.DEFAULT_MAX_ADDRESS_HEADER_CHARS) {
            throw new IllegalArgumentException(quoted(name, text) + "longer than "
                    + TunnelLimits.DEFAULT_MAX_ADDRESS_HEADER_CHARS + " characters");
        }
        int colon = text.lastIndexOf(':');
        String host = colon > 0 ? text.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = colon > 0 ? TunnelTarget.portNumber(text.substring(colon + 1)) : -1;
        // a literal: parsed, never resolved
        InetAddress ip = IpAddresses.isLiteral(host) ? NetUtil.createInetAddressFromIpAddressString(host) : null;
        if (ip == null || port < 0) {
            throw new IllegalArgumentException(quoted(name, text) + "expected <ip>:<port>");
        }
        return new InetSocketAddress(ip, port);
    }

    private static String quoted(CharSequence name, String text) {
        return name + " \"" + (text.length() > TunnelLimits.DEFAULT_MAX_ADDRESS_HEADER_CHARS
                ? text.substring(0, TunnelLimits.DEFAULT_MAX_ADDRESS_HEADER_CHARS) + "..." : text) + "\": ";
    }
}
