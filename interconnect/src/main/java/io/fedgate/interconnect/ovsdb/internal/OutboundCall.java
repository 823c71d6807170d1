package io.fedgate.interconnect.ovsdb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A request written into the pipeline by the client; {@link RpcCorrelationHandler} gives it an id, sends
 * it and completes {@code reply} with the result (or an exception) within {@code timeout}.
 */
public record OutboundCall(String method, ArrayNode params, Duration timeout, CompletableFuture<JsonNode> reply) {
    public OutboundCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(reply, "reply");
    }

    /** A call with a fresh reply future. */
    public static OutboundCall of(String method, ArrayNode params, Duration timeout) {
        return new OutboundCall(method, params, timeout, new CompletableFuture<>());
    }
}
