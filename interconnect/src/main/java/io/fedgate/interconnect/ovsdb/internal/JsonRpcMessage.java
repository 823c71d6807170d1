package io.fedgate.interconnect.ovsdb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Objects;

/** A decoded JSON-RPC 1.0 message as OVSDB uses it. */
public sealed interface JsonRpcMessage {

    /** A call that expects a reply: {@code {"method", "params", "id"}} with a non-null id. */
    record Request(JsonNode id, String method, ArrayNode params) implements JsonRpcMessage {
        public Request {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(params, "params");
        }
    }

    /** A message without reply: {@code {"method", "params", "id": null}} (e.g. {@code update2}). */
    record Notification(String method, ArrayNode params) implements JsonRpcMessage {
        public Notification {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(params, "params");
        }
    }

    /** A reply: {@code {"id", "result", "error"}}; exactly one of result and error is non-null. */
    record Response(JsonNode id, JsonNode result, JsonNode error) implements JsonRpcMessage {
        public Response {
            Objects.requireNonNull(id, "id");
        }

        /** True when the server reported an error at the JSON-RPC level. */
        public boolean isError() {
            return error != null && !error.isNull();
        }
    }
}
