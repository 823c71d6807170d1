package io.fedgate.gateway.internal.tunnel;

import io.fedgate.gateway.internal.metrics.GatewayMetrics;
import io.fedgate.gateway.internal.relay.LogContext;
import io.fedgate.gateway.internal.relay.StreamTraffic;
import io.fedgate.gateway.internal.routing.ExportTable;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.micrometer.core.instrument.Counter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pipeline of a stream a peer opened on a tunnel this gateway accepted: decode the CONNECT, authorize it
 * against the plan, connect the backend. Counts the stream in {@code fedgate_tunnel_streams_active}, its
 * bytes in {@code fedgate_tunnel_bytes_total} and a refusal in {@code fedgate_tunnel_streams_refused_total}.
 */
final class InboundStreamInitializer extends ChannelInitializer<Http2StreamChannel> {
    private final ServingContext serving;
    private final LogContext logContext;
    private final AtomicInteger streams;
    private final StreamTraffic traffic;
    private final Map<ExportTable.Reason, Counter> refusals = new EnumMap<>(ExportTable.Reason.class);

    InboundStreamInitializer(ServingContext serving, GatewayMetrics metrics, String peerCluster, String peer,
                             String logContext) {
        this.serving = serving;
        this.logContext = LogContext.of(logContext);
        this.streams = metrics.streamsActive(peerCluster, peer);
        Counter rx = metrics.tunnelBytes(peerCluster, peer, GatewayMetrics.RX);
        Counter tx = metrics.tunnelBytes(peerCluster, peer, GatewayMetrics.TX);
        this.traffic = new StreamTraffic(rx::increment, tx::increment);
        for (ExportTable.Reason reason : ExportTable.Reason.values()) {
            refusals.put(reason, metrics.streamsRefused(peerCluster, reason.name().toLowerCase(Locale.ROOT)));
        }
    }

    @Override
    protected void initChannel(Http2StreamChannel stream) {
        streams.incrementAndGet();
        stream.closeFuture().addListener(f -> streams.decrementAndGet());
        LogContext streamContext = logContext.with("stream", stream.stream().id());
        stream.pipeline().addLast(new ConnectRequestDecoder(streamContext));
        stream.pipeline().addLast(new ConnectAuthorizationHandler(serving.exports(),
                reason -> refusals.get(reason).increment(), streamContext));
        stream.pipeline().addLast(new BackendConnectHandler(serving, traffic, streamContext));
    }
}
