package io.fedgate.gateway.internal.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.gateway.internal.relay.FlowOpenException;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectResponseHandlerTest {

    @Test
    void abandonedStreamFailsItsOpenNamingWhyAndIsClosed() {
        EmbeddedChannel stream = new EmbeddedChannel();
        Promise<Http2StreamChannel> opened = stream.eventLoop().newPromise();
        stream.pipeline().addLast(new ConnectResponseHandler(opened, Duration.ofSeconds(3), "bench/echo:7000 via a/a1"));

        ConnectResponseHandler.abandon(stream, "tunnel unresponsive (no PING answer)");

        assertThat(opened.cause()).isInstanceOf(FlowOpenException.class)
                .hasMessage("bench/echo:7000 via a/a1: tunnel unresponsive (no PING answer)");
        assertThat(stream.isOpen()).isFalse();
        assertThat(((FlowOpenException) opened.cause()).wasAnswered()).isFalse();
    }

    @Test
    void aRefusalStatusFailsTheOpenAsAnsweredByThePeer() {
        EmbeddedChannel stream = new EmbeddedChannel();
        Promise<Http2StreamChannel> opened = stream.eventLoop().newPromise();
        stream.pipeline().addLast(new ConnectResponseHandler(opened, Duration.ofSeconds(3), "shop/web:80@web-3 via b/b1"));

        stream.writeInbound(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("404"), true));

        assertThat(opened.cause()).isInstanceOf(FlowOpenException.class)
                .hasMessage("shop/web:80@web-3 via b/b1: peer answered :status 404");
        assertThat(((FlowOpenException) opened.cause()).wasAnswered()).isTrue();
        assertThat(stream.isOpen()).isFalse();
    }
}
