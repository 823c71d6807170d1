package io.fedgate.interconnect.ovsdb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedgate.interconnect.ovsdb.OvsdbProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonStreamFrameDecoderTest {

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private static List<String> frames(EmbeddedChannel ch) {
        List<String> out = new ArrayList<>();
        ByteBuf b;
        while ((b = ch.readInbound()) != null) {
            out.add(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return out;
    }

    @Test
    void splitsObjectsSentBackToBackWithoutDelimiters() {
        EmbeddedChannel ch = new EmbeddedChannel(new JsonStreamFrameDecoder(1024));
        ch.writeInbound(bytes("{\"a\":1}{\"b\":[2,3]}\n  {\"c\":{}}"));
        assertThat(frames(ch)).containsExactly("{\"a\":1}", "{\"b\":[2,3]}", "{\"c\":{}}");
    }

    @Test
    void reassemblesAMessageSplitAtEveryByte() {
        EmbeddedChannel ch = new EmbeddedChannel(new JsonStreamFrameDecoder(1024));
        String msg = "{\"id\":1,\"result\":{\"rows\":[{\"name\":\"é{[\"}]}}";
        for (byte b : msg.getBytes(StandardCharsets.UTF_8)) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(frames(ch)).containsExactly(msg);
    }

    @Test
    void bracesAndEscapedQuotesInsideStringsDoNotCount() {
        EmbeddedChannel ch = new EmbeddedChannel(new JsonStreamFrameDecoder(1024));
        String tricky = "{\"a\":\"}{ \\\" ]\",\"b\":\"x\\\\\",\"c\":[{\"d\":\"\\\\\\\"}\"}]}";
        ch.writeInbound(bytes(tricky + "{\"next\":true}"));
        assertThat(frames(ch)).containsExactly(tricky, "{\"next\":true}");
    }

    @Test
    void aMessageOverTheBoundIsRefusedBeforeItEnds() {
        EmbeddedChannel ch = new EmbeddedChannel(new JsonStreamFrameDecoder(100));
        ch.writeInbound(bytes("{\"s\":\"" + "a".repeat(50)));
        assertThatThrownBy(() -> ch.writeInbound(bytes("a".repeat(60))))
                .isInstanceOf(DecoderException.class)
                .hasRootCauseInstanceOf(OvsdbProtocolException.class)
                .rootCause().hasMessageContaining("exceeds the limit of 100 bytes");
        // later input is dropped, never buffered
        ch.writeInbound(bytes("\"}{\"ok\":1}"));
        assertThat(frames(ch)).isEmpty();
    }

    @Test
    void nestingOverTheBoundIsRefused() {
        EmbeddedChannel ch = new EmbeddedChannel(new JsonStreamFrameDecoder(1024, 4));
        assertThatThrownBy(() -> ch.writeInbound(bytes("{\"a\":[[[[1]]]]}")))
                .hasRootCauseInstanceOf(OvsdbProtocolException.class)
                .rootCause().hasMessageContaining("nests deeper than 4 levels");
    }

    @Test
    void somethingOtherThanAnObjectIsRefused() {
        EmbeddedChannel ch = new EmbeddedChannel(new JsonStreamFrameDecoder(1024));
        assertThatThrownBy(() -> ch.writeInbound(bytes("  true")))
                .rootCause().hasMessageContaining("expected '{' at the start of a JSON-RPC message but got 't'");
    }

    @Test
    void aStreamEndingInsideAMessageIsReported() {
        List<Throwable> caught = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new JsonStreamFrameDecoder(1024), new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                caught.add(cause);
            }
        });
        ch.writeInbound(bytes("{\"id\":1,\"result\":[{\"rows\":"));
        ch.finish();
        assertThat(caught).singleElement().isInstanceOf(OvsdbProtocolException.class)
                .extracting(Throwable::getMessage).asString()
                .contains("connection closed in the middle of a JSON message (26 bytes received, 3 levels still open)");
    }

    @Test
    void invalidConstructorArgumentsAreNamed() {
        assertThatThrownBy(() -> new JsonStreamFrameDecoder(1)).hasMessage("maxMessageBytes (1) must be >= 2");
    }
}
