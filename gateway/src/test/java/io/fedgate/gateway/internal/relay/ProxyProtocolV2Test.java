package io.fedgate.gateway.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ProxyProtocolV2Test {
    @Test
    void ipv4HeaderCarriesSourceAndDestination() {
        ByteBuf header = ProxyProtocolV2.header(UnpooledByteBufAllocator.DEFAULT,
                new InetSocketAddress("10.1.2.3", 40000), new InetSocketAddress("192.168.0.9", 443));
        assertThat(ByteBufUtil.hexDump(header)).isEqualTo("0d0a0d0a000d0a515549540a" + "21" + "11" + "000c"
                + "0a010203" + "c0a80009" + "9c40" + "01bb");
        header.release();
    }

    @Test
    void ipv6HeaderHas36AddressBytes() {
        ByteBuf header = ProxyProtocolV2.header(UnpooledByteBufAllocator.DEFAULT,
                new InetSocketAddress("fd00::1", 1), new InetSocketAddress("fd00::2", 2));
        assertThat(header.readableBytes()).isEqualTo(16 + 36);
        assertThat(header.getByte(13)).isEqualTo((byte) 0x21);
        header.release();
    }

    @Test
    void mixedFamiliesFallBackToLocal() {
        ByteBuf header = ProxyProtocolV2.header(UnpooledByteBufAllocator.DEFAULT,
                new InetSocketAddress("10.1.2.3", 1), new InetSocketAddress("fd00::2", 2));
        assertThat(header.readableBytes()).isEqualTo(16);
        assertThat(header.getByte(12)).isEqualTo((byte) 0x20);
        header.release();
    }
}
