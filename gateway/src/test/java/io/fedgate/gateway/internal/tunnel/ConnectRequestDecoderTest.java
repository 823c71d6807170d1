package io.fedgate.gateway.internal.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.api.model.ServiceKey;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ConnectRequestDecoderTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new ConnectRequestDecoder("test"));

    private static Http2Headers connect(String authority) {
        return new DefaultHttp2Headers().method("CONNECT").authority(authority);
    }

    private String answeredStatus() {
        Http2HeadersFrame answer = channel.readOutbound();
        assertThat(answer.isEndStream()).isTrue();
        return answer.headers().status().toString();
    }

    @Test
    void connectBecomesARequestAndStopsReading() {
        Http2Headers headers = connect("payments.bank.import.fedgate:8443")
                .add(TunnelHeaders.CLIENT_ADDRESS, "10.1.2.3:40000")
                .add(TunnelHeaders.LISTENER_ADDRESS, "[fd00::1]:20001");
        channel.writeInbound(new DefaultHttp2HeadersFrame(headers, false));
        ConnectRequest request = channel.readInbound();
        assertThat(request.target()).isEqualTo(new TunnelTarget(new ServiceKey("bank", "payments"), 8443));
        assertThat(request.clientAddress()).isEqualTo(new InetSocketAddress("10.1.2.3", 40000));
        assertThat(request.listenerAddress()).isEqualTo(new InetSocketAddress("fd00::1", 20001));
        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(channel.pipeline().get(ConnectRequestDecoder.class)).isNull();
    }

    @Test
    void anotherMethodIsAnswered400() {
        channel.writeInbound(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().method("GET")
                .authority("payments.bank.import.fedgate:8443").path("/").scheme("https"), false));
        assertThat(answeredStatus()).isEqualTo("400");
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void badAuthorityIsAnswered400() {
        channel.writeInbound(new DefaultHttp2HeadersFrame(connect("payments.bank.svc:8443"), false));
        assertThat(answeredStatus()).isEqualTo("400");
    }

    @Test
    void connectEndingTheStreamIsAnswered400() {
        channel.writeInbound(new DefaultHttp2HeadersFrame(connect("payments.bank.import.fedgate:8443"), true));
        assertThat(answeredStatus()).isEqualTo("400");
    }

    @Test
    void dataBeforeHeadersIsAnswered400() {
        channel.writeInbound(new DefaultHttp2DataFrame(Unpooled.copiedBuffer(new byte[] {1, 2, 3})));
        assertThat(answeredStatus()).isEqualTo("400");
    }

    @Test
    void garbledAddressHeaderIsAnswered400() {
        channel.writeInbound(new DefaultHttp2HeadersFrame(connect("payments.bank.import.fedgate:8443")
                .add(TunnelHeaders.CLIENT_ADDRESS, "not-an-ip:1"), false));
        assertThat(answeredStatus()).isEqualTo("400");
    }

    @Test
    void addressHeaderWithoutAPortNumberIsRefusedSayingWhichHeader() {
        for (String value : new String[] {"10.1.2.3:65536", "10.1.2.3:", "10.1.2.3:8o", "10.1.2.3"}) {
            assertThatThrownBy(() -> ConnectRequestDecoder.decode(new DefaultHttp2HeadersFrame(
                    connect("payments.bank.import.fedgate:8443").add(TunnelHeaders.CLIENT_ADDRESS, value), false)))
                    .as(value).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(TunnelHeaders.CLIENT_ADDRESS + " \"" + value + "\": expected <ip>:<port>");
        }
    }

    @Test
    void endpointHeaderNarrowsTheTargetToOneEndpoint() {
        channel.writeInbound(new DefaultHttp2HeadersFrame(connect("web.shop.import.fedgate:80")
                .add(TunnelHeaders.ENDPOINT, "web-0"), false));
        ConnectRequest request = channel.readInbound();
        assertThat(request.target()).isEqualTo(new TunnelTarget(new ServiceKey("shop", "web"), 80, "web-0"));
    }

    @Test
    void endpointHeaderThatIsNeitherHostnameNorAddressIsRefusedSayingWhat() {
        assertThatThrownBy(() -> ConnectRequestDecoder.decode(new DefaultHttp2HeadersFrame(
                connect("web.shop.import.fedgate:80").add(TunnelHeaders.ENDPOINT, "Web_0"), false)))
                .hasMessage(TunnelHeaders.ENDPOINT + " \"Web_0\": expected a hostname (DNS-1123 label) or an IP address");
        assertThatThrownBy(() -> ConnectRequestDecoder.decode(new DefaultHttp2HeadersFrame(
                connect("web.shop.import.fedgate:80").add(TunnelHeaders.ENDPOINT, "a".repeat(64)), false)))
                .hasMessage(TunnelHeaders.ENDPOINT + " of 64 characters is longer than 63");
        channel.writeInbound(new DefaultHttp2HeadersFrame(connect("web.shop.import.fedgate:80")
                .add(TunnelHeaders.ENDPOINT, "web.0"), false));
        assertThat(answeredStatus()).isEqualTo("400");
    }
}
