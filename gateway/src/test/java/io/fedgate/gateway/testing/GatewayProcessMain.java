package io.fedgate.gateway.testing;

import io.fedgate.api.model.GatewayListenerPorts;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.gateway.GatewayConfig;
import io.fedgate.gateway.GatewayServer;
import io.fedgate.gateway.GatewayTuning;
import io.fedgate.gateway.PlanFileSource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * A real gateway process for system tests (run inside a network namespace with {@code ip netns exec}):
 * {@code <cluster> <name> <certDir> <planFile> <address> <holdDownMillis>}; tunnels on address:15001, admin on
 * address:9090, listeners on address. Drains on SIGTERM; {@code kill -9} is a real crash.
 */
public final class GatewayProcessMain {
    /** Tunnel port of gateway processes. */
    public static final int TUNNEL_PORT = 15001;
    /** Admin port of gateway processes. */
    public static final int ADMIN_PORT = 9090;

    private GatewayProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress address = InetAddress.getByName(args[4]);
        GatewayTuning tuning = GatewayTuning.DEFAULT.withHoldDown(Duration.ofMillis(Long.parseLong(args[5])))
                .withDrainTimeout(Duration.ofSeconds(2)).withEventLoopThreads(2);
        GatewayConfig config = new GatewayConfig(args[0], args[1], TlsMaterial.load(Path.of(args[2])), address,
                GatewayListenerPorts.DEFAULT, new InetSocketAddress(address, TUNNEL_PORT),
                new InetSocketAddress(address, ADMIN_PORT), Set.of(), tuning);
        GatewayServer server = GatewayServer.start(config, new PlanFileSource(Path.of(args[3]), Duration.ofMillis(100)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println("READY " + args[1]);
        System.out.flush();
        stopped.await();
    }
}
