package io.fedgate.interconnect.ovsdb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class EchoResponderHandlerTest {

    @Test
    void answersTheServersEchoWithItsParams() {
        EmbeddedChannel ch = new EmbeddedChannel(new EchoResponderHandler());
        var params = OvsdbJson.MAPPER.createArrayNode().add("probe");
        ch.writeInbound(new JsonRpcMessage.Request(TextNode.valueOf("echo"), "echo", params));
        JsonRpcMessage.Response reply = ch.readOutbound();
        assertThat(reply.id().asText()).isEqualTo("echo");
        assertThat(reply.result()).isEqualTo(params);
        assertThat((Object) ch.readInbound()).isNull();
    }

    @Test
    void passesEverythingElseOn() {
        EmbeddedChannel ch = new EmbeddedChannel(new EchoResponderHandler());
        var n = new JsonRpcMessage.Notification("update2", OvsdbJson.MAPPER.createArrayNode());
        ch.writeInbound(n);
        assertThat((Object) ch.readInbound()).isSameAs(n);
        assertThat((Object) ch.readOutbound()).isNull();
    }
}
