package io.fedgate.gateway.internal.relay;

import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Where the payload bytes of a tunnel's streams are counted: {@code rx} what the streams read from the
 * tunnel, {@code tx} what is written to them. One instance serves every stream of a tunnel.
 */
public record StreamTraffic(LongConsumer rx, LongConsumer tx) {
    public StreamTraffic {
        Objects.requireNonNull(rx, "rx");
        Objects.requireNonNull(tx, "tx");
    }
}
