package io.fedgate.interconnect.ovsdb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.LongNode;
import io.fedgate.interconnect.ovsdb.OvsdbConnectionException;
import io.fedgate.interconnect.ovsdb.OvsdbServerException;
import io.fedgate.interconnect.ovsdb.OvsdbTimeoutException;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RpcCorrelationHandlerTest {

    private static OutboundCall call(String method, Duration timeout) {
        return OutboundCall.of(method, OvsdbJson.MAPPER.createArrayNode(), timeout);
    }

    @Test
    void aNotificationArrivingBeforeTheReplyIsPassedOnAndTheReplyCompletesTheCall() {
        List<JsonRpcMessage.Notification> notifications = new ArrayList<>();
        List<Boolean> replyDoneWhenNotified = new ArrayList<>();
        OutboundCall call = call("transact", Duration.ofSeconds(5));
        // the full inbound pipeline, fed raw bytes as ovsdb-server sends them
        EmbeddedChannel ch = new EmbeddedChannel(new JsonStreamFrameDecoder(4096), new JsonRpcCodec(),
                new RpcCorrelationHandler("test", 16), new NotificationDispatchHandler("test", n -> {
                    notifications.add(n);
                    replyDoneWhenNotified.add(call.reply().isDone());
                }));
        ch.writeOutbound(call);
        String sent = ((io.netty.buffer.ByteBuf) ch.readOutbound()).toString(StandardCharsets.UTF_8);
        assertThat(sent).isEqualTo("{\"method\":\"transact\",\"params\":[],\"id\":0}");

        ch.writeInbound(Unpooled.copiedBuffer("{\"id\":null,\"method\":\"update2\",\"params\":[\"m\",{}]}"
                + "{\"id\":0,\"result\":[{\"uuid\":[\"uuid\",\"x\"]}],\"error\":null}", StandardCharsets.UTF_8));

        assertThat(notifications).hasSize(1);
        assertThat(replyDoneWhenNotified).containsExactly(false);
        assertThat(call.reply().join().get(0).has("uuid")).isTrue();
    }

    @Test
    void anErrorReplyFailsTheCallWithTheServersError() {
        EmbeddedChannel ch = new EmbeddedChannel(new RpcCorrelationHandler("test", 16));
        OutboundCall call = call("get_schema", Duration.ofSeconds(5));
        ch.writeOutbound(call);
        ch.writeInbound(new JsonRpcMessage.Response(LongNode.valueOf(0), null,
                OvsdbJson.MAPPER.createObjectNode().put("error", "unknown database").put("details", "Nope")));
        assertThat(call.reply()).isCompletedExceptionally();
        assertThat(call.reply().handle((r, e) -> e).join()).isInstanceOf(OvsdbServerException.class)
                .hasMessage("test: get_schema failed: unknown database (Nope)");
    }

    @Test
    void aCallWithoutReplyTimesOut() {
        EmbeddedChannel ch = new EmbeddedChannel(new RpcCorrelationHandler("test", 16));
        ch.freezeTime();
        OutboundCall call = call("echo", Duration.ofMillis(500));
        ch.writeOutbound(call);
        ch.advanceTimeBy(499, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(call.reply()).isNotDone();
        ch.advanceTimeBy(2, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(call.reply().handle((r, e) -> e).join()).isInstanceOf(OvsdbTimeoutException.class)
                .hasMessageContaining("no reply to echo").hasMessageContaining("within 500 ms");
        // a late reply is dropped, not mistaken for another call's
        ch.writeInbound(new JsonRpcMessage.Response(LongNode.valueOf(0), OvsdbJson.MAPPER.createArrayNode(), null));
    }

    @Test
    void closingTheConnectionFailsEveryPendingCall() {
        EmbeddedChannel ch = new EmbeddedChannel(new RpcCorrelationHandler("test", 16));
        OutboundCall a = call("transact", Duration.ofSeconds(5));
        OutboundCall b = call("echo", Duration.ofSeconds(5));
        ch.writeOutbound(a, b);
        ch.close();
        for (OutboundCall c : List.of(a, b)) {
            assertThat(c.reply().handle((r, e) -> e).join()).isInstanceOf(OvsdbConnectionException.class)
                    .hasMessageContaining("closed while waiting for the reply to " + c.method());
        }
    }

    @Test
    void pendingCallsAreBounded() {
        RpcCorrelationHandler h = new RpcCorrelationHandler("test", 2);
        EmbeddedChannel ch = new EmbeddedChannel(h);
        ch.writeOutbound(call("a", Duration.ofSeconds(5)), call("b", Duration.ofSeconds(5)));
        OutboundCall third = call("c", Duration.ofSeconds(5));
        ch.writeOutbound(third);
        assertThat(h.pendingCount()).isEqualTo(2);
        assertThat(third.reply().handle((r, e) -> e).join()).isInstanceOf(OvsdbConnectionException.class)
                .hasMessageContaining("2 requests already wait for a reply; refusing c");
    }
}
