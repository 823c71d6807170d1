package io.fedgate.gateway.internal.tunnel;

import io.fedgate.gateway.internal.metrics.GatewayMetrics;
import io.fedgate.gateway.internal.relay.TrafficCounter;
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
    private final String logContext;
    private final AtomicInteger streams;
    private final Counter rx;
    private final Counter tx;

    InboundStreamInitializer(ServingContext serving, GatewayMetrics metrics, String peerCluster, String peer,
                             String logContext) {
        this.serving = serving;
        this.logContext = logContext;
        this.streams = metrics.streamsActive(peerCluster, peer);
        this.rx = metrics.tunnelBytes(peerCluster, peer, GatewayMetrics.RX);
        this.tx = metrics.tunnelBytes(peerCluster, peer, GatewayMetrics.TX);
    }

    @Override
    protected void initChannel(Http2StreamChannel stream) {
        streams.incrementAndGet();
        stream.closeFuture().addListener(f -> streams.decrementAndGet());
        String streamContext = logContext + " stream=" + stream.stream().id();
        stream.pipeline().addLast(new ConnectRequestDecoder(streamContext));
        stream.pipeline().addLast(new ConnectAuthorizationHandler(serving.exports(), streamContext));
        stream.pipeline().addLast(new BackendConnectHandler(serving,
                () -> new TrafficCounter(rx::increment, tx::increment), streamContext));
    }
}
