package io.fedgate.gateway.internal.tunnel;

import io.fedgate.api.model.TrafficPolicy;
import io.fedgate.gateway.internal.balancing.ClusterCandidate;
import io.fedgate.gateway.internal.balancing.Route;
import io.fedgate.gateway.internal.relay.AttemptChain;
import io.fedgate.gateway.internal.relay.LogContext;
import io.fedgate.gateway.internal.relay.ProxyProtocolV2;
import io.fedgate.gateway.internal.relay.Splice;
import io.fedgate.gateway.internal.relay.StreamTraffic;
import io.fedgate.gateway.internal.routing.EndpointTarget;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects an {@link AuthorizedConnect} stream to one of the own cluster's endpoints (trying the next one
 * when a connect fails), answers {@code 200}, writes a PROXY v2 header first when the import wants one, and
 * joins stream and backend. {@code 502} when every endpoint failed. Frames arriving meanwhile are held.
 */
public final class BackendConnectHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(BackendConnectHandler.class);
    private final ServingContext serving;
    private final StreamTraffic traffic;
    private final LogContext logContext;
    private final Queue<Object> early = new ArrayDeque<>();
    private boolean connecting;

    /** @param traffic where this stream's bytes are counted */
    public BackendConnectHandler(ServingContext serving, StreamTraffic traffic, LogContext logContext) {
        this.serving = serving;
        this.traffic = traffic;
        this.logContext = logContext;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof AuthorizedConnect) {
            connect(ctx, (AuthorizedConnect) msg);
            return;
        }
        if (connecting) {
            early.add(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
    }

    private void connect(ChannelHandlerContext ctx, AuthorizedConnect authorized) {
        connecting = true;
        Channel stream = ctx.channel();
        String service = authorized.request().target().service().toString();
        String cluster = serving.balancer().localCluster();
        List<ClusterCandidate<EndpointTarget>> own = List.of(new ClusterCandidate<>(cluster, null, 0, 1,
                true, true, authorized.served().endpoints()));
        Route<EndpointTarget> route = serving.balancer().route(service, TrafficPolicy.DEFAULT, own);
        Future<AttemptChain.Opened<EndpointTarget>> opened = AttemptChain.run(serving.balancer(), route,
                attempt -> serving.dialer().dial(attempt.target(), stream.eventLoop()), stream.eventLoop());
        opened.addListener(f -> {
            LogContext where = logContext.with("import", authorized.request().target())
                    .with("planVersion", authorized.planVersion());
            if (!f.isSuccess()) {
                LOG.warn("{} stream refused (502): {}", where, f.cause().getMessage());
                StreamResponses.refuse(ctx, 502);
                return;
            }
            Channel backend = opened.getNow().channel();
            if (!stream.isActive()) {
                backend.close();
                return;
            }
            if (serving.proxyProtocolImports().contains(authorized.request().target().service())) {
                backend.write(ProxyProtocolV2.header(backend.alloc(), source(authorized, stream),
                        destination(authorized, backend)));
            }
            StreamResponses.accept(ctx);
            Splice.join(stream, backend, traffic, where);
            ctx.pipeline().remove(this);
            Splice.start(stream, backend);
        });
    }

    private static InetSocketAddress source(AuthorizedConnect a, Channel stream) {
        InetSocketAddress client = a.request().clientAddress();
        return client != null ? client : (InetSocketAddress) stream.parent().remoteAddress();
    }

    private static InetSocketAddress destination(AuthorizedConnect a, Channel backend) {
        InetSocketAddress listener = a.request().listenerAddress();
        return listener != null ? listener : (InetSocketAddress) backend.remoteAddress();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        Object msg;
        while ((msg = early.poll()) != null) {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Object msg;
        while ((msg = early.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
        super.channelInactive(ctx);
    }
}
