package io.fedgate.gateway.internal.listener;

import io.fedgate.api.model.GatewayListenerPorts.Listener;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.gateway.internal.relay.EndpointDialer;
import io.fedgate.gateway.internal.relay.LogContext;
import io.fedgate.gateway.internal.routing.ImportTable;
import io.fedgate.gateway.internal.routing.ListenerDiff;
import io.fedgate.gateway.internal.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The import listeners of one gateway. {@link #apply} binds and unbinds per {@link ListenerDiff}; closing a
 * listener stops new connections only, its open flows go on. A port that cannot be bound is logged and
 * retried on the next plan; readiness reports it. Not thread-safe: one caller applies plans.
 */
public final class ListenerSet {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerSet.class);
    private final Transport transport;
    private final InetAddress listenAddress;
    private final Supplier<ImportTable> imports;
    private final FlowRouter router;
    private final EndpointDialer dialer;
    private final Set<ServiceKey> proxyProtocolImports;
    private final String localCluster;
    private final Map<Listener, Channel> bound = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Listener, Integer> boundPorts = new HashMap<>();
    private final Set<Listener> failed = new TreeSet<>();
    private final ChannelGroup clients = new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);

    public ListenerSet(Transport transport, InetAddress listenAddress, Supplier<ImportTable> imports, FlowRouter router,
                       EndpointDialer dialer, Set<ServiceKey> proxyProtocolImports, String localCluster) {
        this.transport = transport;
        this.listenAddress = listenAddress;
        this.imports = imports;
        this.router = router;
        this.dialer = dialer;
        this.proxyProtocolImports = proxyProtocolImports;
        this.localCluster = localCluster;
    }

    /** Makes the bound listeners those of {@code desired} (listener to port). */
    public ListenerDiff apply(Map<Listener, Integer> desired, long planVersion) {
        Map<Listener, Integer> current = new HashMap<>(boundPorts);
        failed.forEach(current::remove);
        ListenerDiff diff = ListenerDiff.between(current, desired);
        for (Listener l : diff.toClose()) {
            Channel ch = bound.remove(l);
            boundPorts.remove(l);
            if (ch != null) {
                ch.close();
                LOG.info("cluster={} import={} planVersion={}: stopped listening on {}", localCluster, l, planVersion,
                        ch.localAddress());
            }
        }
        failed.clear();
        for (Map.Entry<Listener, Integer> e : new TreeMap<>(diff.toOpen()).entrySet()) {
            bind(e.getKey(), e.getValue(), planVersion);
        }
        return diff;
    }

    private void bind(Listener listener, int port, long planVersion) {
        boolean proxy = proxyProtocolImports.contains(listener.service());
        LogContext listenerContext = LogContext.of("cluster=" + localCluster + " import=" + listener);
        ChannelFuture f = new ServerBootstrap().group(transport.group()).channel(transport.serverClass())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                // TCP_NODELAY: Netty sets it on every accepted socket already
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        clients.add(ch);
                        ch.pipeline().addLast(new ClientFlowHandler(listener, imports, router, dialer, proxy,
                                listenerContext));
                    }
                })
                .bind(new InetSocketAddress(listenAddress, port)).awaitUninterruptibly();
        if (!f.isSuccess()) {
            failed.add(listener);
            LOG.error("cluster={} import={} planVersion={}: cannot listen on {}:{}: {}", localCluster, listener,
                    planVersion, listenAddress.getHostAddress(), port, f.cause().toString());
            return;
        }
        bound.put(listener, f.channel());
        boundPorts.put(listener, port);
        LOG.info("cluster={} import={} planVersion={}: listening on {}", localCluster, listener, planVersion,
                f.channel().localAddress());
    }

    /** Listeners that could not be bound by the last {@link #apply}. */
    public Set<Listener> failed() {
        return Set.copyOf(failed);
    }

    /** The bound address of every listener. */
    public Map<Listener, InetSocketAddress> addresses() {
        Map<Listener, InetSocketAddress> out = new TreeMap<>();
        bound.forEach((l, ch) -> out.put(l, (InetSocketAddress) ch.localAddress()));
        return out;
    }

    /** Client connections open now (flows being set up or relayed). */
    public int openConnections() {
        return clients.size();
    }

    /** Stops listening; open flows go on. */
    public void closeListeners() {
        bound.values().forEach(Channel::close);
        bound.clear();
        boundPorts.clear();
    }

    /** Closes every open client connection. */
    public void closeConnections() {
        clients.close();
    }
}
