package io.fedgate.gateway.testing;

import io.fedgate.api.model.GatewayEndpoint;
import io.fedgate.api.model.GatewayListenerPorts;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.TestPki;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.gateway.GatewayConfig;
import io.fedgate.gateway.GatewayServer;
import io.fedgate.gateway.GatewayTuning;
import io.fedgate.gateway.PlanFileSource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Real gateways on loopback for integration tests: certificates from one {@link TestPki}, a plan file each,
 * tunnels and admin on ephemeral ports of 127.0.0.1, import listeners on a random 127.x.y.z address (derived
 * listener ports then cannot collide with other tests running at the same time).
 */
public final class LoopbackGateways implements AutoCloseable {
    /** Fast timings for tests: 1 s hold-down, 3 s drain, two event loops. */
    public static final GatewayTuning TUNING = GatewayTuning.DEFAULT.withHoldDown(Duration.ofSeconds(1))
            .withDrainTimeout(Duration.ofSeconds(3)).withEventLoopThreads(2);

    private final TestPki pki;
    private final Path dir;
    private final InetAddress listenAddress;
    private final List<GatewayServer> started = new ArrayList<>();

    public LoopbackGateways(TestPki pki, Path dir) {
        this.pki = pki;
        this.dir = dir;
        this.listenAddress = randomLoopback();
    }

    /** The address import listeners bind. */
    public InetAddress listenAddress() {
        return listenAddress;
    }

    /** The plan file of gateway {@code name}. */
    public Path planFile(String name) {
        return dir.resolve(name + "-plan.json");
    }

    /** Starts gateway {@code name} of {@code clusterId} reading {@link #planFile(String)}. */
    public GatewayServer start(String clusterId, String name) {
        return start(clusterId, name, Set.of());
    }

    /** As {@link #start(String, String)}, writing PROXY v2 headers for {@code proxyProtocolImports}. */
    public GatewayServer start(String clusterId, String name, Set<io.fedgate.api.model.ServiceKey> proxyProtocolImports) {
        TlsMaterial tls = pki.issue(clusterId, Component.GATEWAY);
        GatewayConfig config = new GatewayConfig(clusterId, name, tls, listenAddress, GatewayListenerPorts.DEFAULT,
                new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0), proxyProtocolImports,
                TUNING);
        GatewayServer server = GatewayServer.start(config, new PlanFileSource(planFile(name), Duration.ofMillis(50)));
        started.add(server);
        return server;
    }

    /** The plan's entry for a started gateway. */
    public static GatewayEndpoint endpointOf(String name, GatewayServer server) {
        return new GatewayEndpoint(name, "127.0.0.1", server.tunnelAddress().getPort());
    }

    @Override
    public void close() {
        for (GatewayServer s : started) {
            s.drain(Duration.ZERO);
        }
    }

    private static InetAddress randomLoopback() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        try {
            return InetAddress.getByAddress(new byte[] {127, (byte) r.nextInt(1, 255), (byte) r.nextInt(1, 255),
                (byte) r.nextInt(1, 255)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }
}
