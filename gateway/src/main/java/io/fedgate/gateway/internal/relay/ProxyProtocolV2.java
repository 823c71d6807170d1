package io.fedgate.gateway.internal.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * The PROXY protocol v2 header (HAProxy's spec, section 2.2) a gateway writes first on a backend connection
 * of an import configured for it: a binary {@code PROXY} command carrying the original client's source and
 * the listener it connected to, over TCP/IPv4 or TCP/IPv6. Mixed families use the {@code LOCAL} command,
 * which tells the backend to use the connection's own addresses.
 */
public final class ProxyProtocolV2 {
    private static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final int VERSION_2_PROXY = 0x21;
    private static final int VERSION_2_LOCAL = 0x20;
    private static final int TCP_OVER_IPV4 = 0x11;
    private static final int TCP_OVER_IPV6 = 0x21;
    private static final int UNSPECIFIED = 0x00;

    private ProxyProtocolV2() {
    }

    /** The header for a flow from {@code source} to {@code destination}. */
    public static ByteBuf header(ByteBufAllocator alloc, InetSocketAddress source, InetSocketAddress destination) {
        ByteBuf out = alloc.buffer(16 + 36);
        out.writeBytes(SIGNATURE);
        boolean v4 = source.getAddress() instanceof Inet4Address && destination.getAddress() instanceof Inet4Address;
        boolean v6 = source.getAddress() instanceof Inet6Address && destination.getAddress() instanceof Inet6Address;
        if (!v4 && !v6) {
            out.writeByte(VERSION_2_LOCAL);
            out.writeByte(UNSPECIFIED);
            out.writeShort(0);
            return out;
        }
        out.writeByte(VERSION_2_PROXY);
        out.writeByte(v4 ? TCP_OVER_IPV4 : TCP_OVER_IPV6);
        out.writeShort(v4 ? 12 : 36);
        out.writeBytes(source.getAddress().getAddress());
        out.writeBytes(destination.getAddress().getAddress());
        out.writeShort(source.getPort());
        out.writeShort(destination.getPort());
        return out;
    }
}
