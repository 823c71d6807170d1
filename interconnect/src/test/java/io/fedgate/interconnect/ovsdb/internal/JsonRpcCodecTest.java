package io.fedgate.interconnect.ovsdb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import io.fedgate.interconnect.ovsdb.OvsdbProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonRpcCodecTest {

    private static JsonRpcMessage decode(String json) {
        EmbeddedChannel ch = new EmbeddedChannel(new JsonRpcCodec());
        ch.writeInbound(Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
        return ch.readInbound();
    }

    @Test
    void classifiesRequestsNotificationsAndReplies() {
        assertThat(decode("{\"id\":\"echo\",\"method\":\"echo\",\"params\":[]}"))
                .isInstanceOfSatisfying(JsonRpcMessage.Request.class, r -> assertThat(r.method()).isEqualTo("echo"));
        assertThat(decode("{\"id\":null,\"method\":\"update2\",\"params\":[\"m\",{}]}"))
                .isInstanceOfSatisfying(JsonRpcMessage.Notification.class, n -> assertThat(n.params()).hasSize(2));
        assertThat(decode("{\"id\":3,\"result\":[1],\"error\":null}"))
                .isInstanceOfSatisfying(JsonRpcMessage.Response.class, r -> {
                    assertThat(r.id().asInt()).isEqualTo(3);
                    assertThat(r.isError()).isFalse();
                });
        assertThat(decode("{\"id\":4,\"result\":null,\"error\":\"unknown method\"}"))
                .isInstanceOfSatisfying(JsonRpcMessage.Response.class, r -> assertThat(r.isError()).isTrue());
    }

    @Test
    void wrongTypesAreNamed() {
        assertThatThrownBy(() -> decode("{\"id\":1,\"method\":[\"x\"],\"params\":[]}"))
                .rootCause().isInstanceOf(OvsdbProtocolException.class)
                .hasMessageContaining("field \"method\" must be a string but was array");
        assertThatThrownBy(() -> decode("{\"id\":1,\"method\":\"echo\",\"params\":{}}"))
                .rootCause().hasMessageContaining("field \"params\" of \"echo\" must be an array but was object");
        assertThatThrownBy(() -> decode("{\"result\":1,\"error\":null}"))
                .rootCause().hasMessageContaining("JSON-RPC reply without an \"id\"");
        assertThatThrownBy(() -> decode("{\"hello\":1}"))
                .rootCause().hasMessageContaining("neither a JSON-RPC request nor a reply");
        assertThatThrownBy(() -> decode("{\"id\":1,\"result\":tru}"))
                .cause().isInstanceOf(OvsdbProtocolException.class).hasMessageContaining("malformed JSON in a 21-byte message");
    }

    @Test
    void encodesARequest() {
        EmbeddedChannel ch = new EmbeddedChannel(new JsonRpcCodec());
        ch.writeOutbound(new JsonRpcMessage.Request(IntNode.valueOf(7), "list_dbs", OvsdbJson.MAPPER.createArrayNode()));
        ByteBuf out = ch.readOutbound();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"method\":\"list_dbs\",\"params\":[],\"id\":7}");
        out.release();
    }
}
