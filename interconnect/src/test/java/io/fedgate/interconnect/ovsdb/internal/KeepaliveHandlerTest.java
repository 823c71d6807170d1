package io.fedgate.interconnect.ovsdb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.Test;

class KeepaliveHandlerTest {

    @Test
    void sendsAnEchoWhenIdleAndClosesWhenTheNextIdlePeriodPassesInSilence() {
        EmbeddedChannel ch = new EmbeddedChannel(new KeepaliveHandler("test"));
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        JsonRpcMessage.Request echo = ch.readOutbound();
        assertThat(echo.method()).isEqualTo("echo");
        assertThat(ch.isActive()).isTrue();
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void anyMessageReadCountsAsAliveAndItsOwnEchoRepliesAreConsumed() {
        EmbeddedChannel ch = new EmbeddedChannel(new KeepaliveHandler("test"));
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        JsonRpcMessage.Request echo = ch.readOutbound();
        ch.writeInbound(new JsonRpcMessage.Response(echo.id(), OvsdbJson.MAPPER.createArrayNode(), null));
        assertThat((Object) ch.readInbound()).as("the keepalive reply is not passed on").isNull();
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(ch.isActive()).isTrue();
        JsonRpcMessage.Request second = ch.readOutbound();
        assertThat(second.id()).isEqualTo(TextNode.valueOf(KeepaliveHandler.ECHO_ID_PREFIX + 2));

        var other = new JsonRpcMessage.Response(IntNode.valueOf(5), null, null);
        ch.writeInbound(other);
        assertThat((Object) ch.readInbound()).isSameAs(other);
    }
}
