package io.fedgate.gateway.internal.tunnel;

import io.fedgate.gateway.internal.metrics.GatewayMetrics;
import io.fedgate.gateway.internal.relay.LogContext;
import io.fedgate.gateway.internal.relay.StreamTraffic;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.micrometer.core.instrument.Counter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pipeline of a stream a peer opened on a tunnel this gateway accepted: decode the CONNECT, authorize it
 * against the plan, connect the backend. Counts the stream in {@code fedgate_tunnel_streams_active} and its
 * bytes in {@code fedgate_tunnel_bytes_total}.
 */
final class InboundStreamInitializer extends ChannelInitializer<Http2StreamChannel> {
    private final ServingContext serving;
    private final LogContext logContext;
    private final AtomicInteger streams;
    private final StreamTraffic traffic;

    InboundStreamInitializer(ServingContext serving, GatewayMetrics metrics, String peerCluster, String peer,
                             String logContext) {
        this.serving = serving;
        this.logContext = LogContext.of(logContext);
        this.streams = metrics.streamsActive(peerCluster, peer);
        Counter rx = metrics.tunnelBytes(peerCluster, peer, GatewayMetrics.RX);
        Counter tx = metrics.tunnelBytes(peerCluster, peer, GatewayMetrics.TX);
        this.traffic = new StreamTraffic(rx::increment, tx::increment);
    }

    @Override
    protected void initChannel(Http2StreamChannel stream) {
        streams.incrementAndGet();
        stream.closeFuture().addListener(f -> streams.decrementAndGet());
        LogContext streamContext = logContext.with("stream", stream.stream().id());
        stream.pipeline().addLast(new ConnectRequestDecoder(streamContext));
        stream.pipeline().addLast(new ConnectAuthorizationHandler(serving.exports(), streamContext));
        stream.pipeline().addLast(new BackendConnectHandler(serving, traffic, streamContext));
    }
}
