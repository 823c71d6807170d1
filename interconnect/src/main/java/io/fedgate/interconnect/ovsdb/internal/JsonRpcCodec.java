package io.fedgate.interconnect.ovsdb.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fedgate.interconnect.ovsdb.OvsdbProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import java.io.IOException;
import java.util.List;

/**
 * Turns one framed JSON object into a {@link JsonRpcMessage} and back. Checks the JSON-RPC shape and field
 * types, naming the field, the method and what was found when something is off.
 */
public final class JsonRpcCodec extends MessageToMessageCodec<ByteBuf, JsonRpcMessage> {

    @Override
    protected void encode(ChannelHandlerContext ctx, JsonRpcMessage msg, List<Object> out) throws IOException {
        ObjectNode node = OvsdbJson.MAPPER.createObjectNode();
        if (msg instanceof JsonRpcMessage.Request r) {
            node.put("method", r.method());
            node.set("params", r.params());
            node.set("id", r.id());
        } else if (msg instanceof JsonRpcMessage.Notification n) {
            node.put("method", n.method());
            node.set("params", n.params());
            node.set("id", NullNode.instance);
        } else if (msg instanceof JsonRpcMessage.Response r) {
            node.set("id", r.id());
            node.set("result", r.result() == null ? NullNode.instance : r.result());
            node.set("error", r.error() == null ? NullNode.instance : r.error());
        }
        ByteBuf buf = ctx.alloc().buffer();
        boolean done = false;
        try (ByteBufOutputStream os = new ByteBufOutputStream(buf)) {
            OvsdbJson.MAPPER.writeValue((java.io.OutputStream) os, node);
            done = true;
        } finally {
            if (!done) {
                buf.release();
            }
        }
        out.add(buf);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
        out.add(parse(msg));
    }

    /** Parses and classifies one JSON-RPC message. */
    static JsonRpcMessage parse(ByteBuf msg) {
        JsonNode node;
        int length = msg.readableBytes();
        try (ByteBufInputStream in = new ByteBufInputStream(msg)) {
            node = OvsdbJson.MAPPER.readTree((java.io.InputStream) in);
        } catch (JacksonException e) {
            throw new OvsdbProtocolException("malformed JSON in a " + length + "-byte message: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new OvsdbProtocolException("could not read a " + length + "-byte message: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new OvsdbProtocolException("a JSON-RPC message must be an object but was "
                    + (node == null ? "empty" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        JsonNode method = node.get("method");
        JsonNode id = node.get("id");
        if (method != null) {
            if (!method.isTextual()) {
                throw new OvsdbProtocolException("JSON-RPC field \"method\" must be a string but was "
                        + typeOf(method) + ": " + abbreviate(node));
            }
            JsonNode params = node.get("params");
            if (params == null || !params.isArray()) {
                throw new OvsdbProtocolException("JSON-RPC field \"params\" of \"" + method.asText()
                        + "\" must be an array but was " + typeOf(params));
            }
            if (id == null || id.isNull()) {
                return new JsonRpcMessage.Notification(method.asText(), (ArrayNode) params);
            }
            return new JsonRpcMessage.Request(id, method.asText(), (ArrayNode) params);
        }
        if (node.has("result") || node.has("error")) {
            if (id == null || id.isNull()) {
                throw new OvsdbProtocolException("JSON-RPC reply without an \"id\": " + abbreviate(node));
            }
            JsonNode result = node.get("result");
            JsonNode error = node.get("error");
            return new JsonRpcMessage.Response(id, result == null || result.isNull() ? null : result,
                    error == null || error.isNull() ? null : error);
        }
        throw new OvsdbProtocolException("JSON object is neither a JSON-RPC request nor a reply (no \"method\", "
                + "\"result\" or \"error\"): " + abbreviate(node));
    }

    private static String typeOf(JsonNode n) {
        return n == null ? "missing" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The message text, cut to keep error messages one readable line. */
    static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() <= 200 ? s : s.substring(0, 200) + "...(" + s.length() + " chars)";
    }
}
