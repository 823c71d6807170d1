package io.fedgate.gateway.internal.listener;

import io.fedgate.api.model.GatewayListenerPorts.Listener;
import io.fedgate.gateway.internal.balancing.Attempt;
import io.fedgate.gateway.internal.balancing.BalancingTarget;
import io.fedgate.gateway.internal.balancing.Route;
import io.fedgate.gateway.internal.relay.AttemptChain;
import io.fedgate.gateway.internal.relay.EndpointDialer;
import io.fedgate.gateway.internal.relay.LogContext;
import io.fedgate.gateway.internal.relay.ProxyProtocolV2;
import io.fedgate.gateway.internal.relay.Splice;
import io.fedgate.gateway.internal.routing.EndpointTarget;
import io.fedgate.gateway.internal.routing.ImportTable;
import io.fedgate.gateway.internal.routing.ImportTable.ListenerRoute;
import io.fedgate.gateway.internal.tunnel.ConnectResponseHandler;
import io.fedgate.gateway.internal.tunnel.TunnelClient;
import io.fedgate.gateway.internal.tunnel.TunnelHeaders;
import io.fedgate.gateway.internal.tunnel.TunnelTarget;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted client connection on an import listener: asks for a route, opens the flow on the first
 * attempt that works (a tunnel stream to a peer gateway, or a direct connection to an endpoint), then joins
 * client and flow. When every attempt fails the client is closed and the failure logged.
 */
final class ClientFlowHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClientFlowHandler.class);
    private final Listener listener;
    private final Supplier<ImportTable> imports;
    private final FlowRouter router;
    private final EndpointDialer dialer;
    private final boolean proxyProtocol;
    private final LogContext listenerContext;

    /** @param listenerContext correlation of the listener's log lines ({@code cluster=east import=...}) */
    ClientFlowHandler(Listener listener, Supplier<ImportTable> imports, FlowRouter router, EndpointDialer dialer,
                      boolean proxyProtocol, LogContext listenerContext) {
        this.listener = listener;
        this.imports = imports;
        this.router = router;
        this.dialer = dialer;
        this.proxyProtocol = proxyProtocol;
        this.listenerContext = listenerContext;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel client = ctx.channel();
        ImportTable table = imports.get();
        ListenerRoute route = table.route(listener);
        LogContext logContext = listenerContext.with("planVersion", table.planVersion())
                .with("client", client.remoteAddress());
        if (route == null) {
            LOG.warn("{}: import left the plan; closing the connection", logContext);
            client.close();
            return;
        }
        Route<BalancingTarget> tries = router.route(route);
        Future<AttemptChain.Opened<BalancingTarget>> opened = AttemptChain.run(router.balancer(), tries,
                attempt -> dial(attempt, client), client.eventLoop(), listener.endpoint() != null);
        opened.addListener(f -> {
            if (!f.isSuccess()) {
                LOG.warn("{}: flow refused: {}", logContext, f.cause().getMessage());
                client.close();
                return;
            }
            AttemptChain.Opened<BalancingTarget> flow = opened.getNow();
            Channel other = flow.channel();
            LogContext flowContext = logContext.with("servedBy", flow.attempt().clusterId());
            if (other instanceof Http2StreamChannel) {
                TunnelClient tunnel = (TunnelClient) flow.attempt().target();
                if (other.eventLoop().inEventLoop()) {
                    joinStream(ctx, client, other, tunnel, flowContext);
                } else {
                    other.eventLoop().execute(() -> joinStream(ctx, client, other, tunnel, flowContext));
                }
            } else {
                joinEndpoint(ctx, client, other, flowContext);
            }
        });
    }

    private Future<? extends Channel> dial(Attempt<BalancingTarget> attempt, Channel client) {
        BalancingTarget target = attempt.target();
        if (target instanceof EndpointTarget) {
            return dialer.dial((EndpointTarget) target, client.eventLoop());
        }
        TunnelTarget tunnelTarget = new TunnelTarget(listener.service(), listener.servicePort(),
                listener.endpoint() == null ? null : listener.endpoint().name());
        return ((TunnelClient) target).openStream(tunnelTarget, Map.of(
                TunnelHeaders.CLIENT_ADDRESS, hostPort((InetSocketAddress) client.remoteAddress()),
                TunnelHeaders.LISTENER_ADDRESS, hostPort((InetSocketAddress) client.localAddress())));
    }

    private void joinStream(ChannelHandlerContext ctx, Channel client, Channel stream, TunnelClient tunnel,
                            LogContext logContext) {
        if (!client.isActive()) {
            stream.close();
            return;
        }
        Splice.join(client, stream, tunnel.traffic(), logContext);
        stream.pipeline().remove(ConnectResponseHandler.class);
        ctx.pipeline().remove(this);
        Splice.start(client, stream);
    }

    private void joinEndpoint(ChannelHandlerContext ctx, Channel client, Channel backend, LogContext logContext) {
        if (!client.isActive()) {
            backend.close();
            return;
        }
        if (proxyProtocol) {
            backend.write(ProxyProtocolV2.header(backend.alloc(), (InetSocketAddress) client.remoteAddress(),
                    (InetSocketAddress) client.localAddress()));
        }
        Splice.join(client, backend, null, logContext);
        ctx.pipeline().remove(this);
        Splice.start(client, backend);
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
