package io.fedgate.gateway;

import static io.fedgate.gateway.testing.Plans.direct;
import static io.fedgate.gateway.testing.Plans.peer;
import static io.fedgate.gateway.testing.Plans.plan;
import static io.fedgate.gateway.testing.Plans.serviceImport;
import static io.fedgate.gateway.testing.Plans.viaGateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.model.TrafficPolicy;
import io.fedgate.api.pki.TestPki;
import io.fedgate.gateway.testing.EchoBackend;
import io.fedgate.gateway.testing.EchoClient;
import io.fedgate.gateway.testing.LoopbackGateways;
import io.fedgate.gateway.testing.Plans;
import io.fedgate.gateway.testing.RecordingAppender;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real gateways (clusters east and west) on loopback with mutual-TLS HTTP/2 tunnels and a real backend. */
class GatewayTunnelIT {
    private static final ServiceKey ECHO = new ServiceKey("bank", "echo");
    private static final int PORT = 7000;

    @TempDir
    Path dir;
    private final TestPki pki = TestPki.create();
    private LoopbackGateways gateways;
    private EchoBackend westBackend;
    private GatewayServer east;
    private GatewayServer west;
    private RecordingAppender log;

    @BeforeEach
    void startTwoClusters() throws Exception {
        log = RecordingAppender.attach();
        gateways = new LoopbackGateways(pki, dir);
        westBackend = new EchoBackend("west", new InetSocketAddress("127.0.0.1", 0));
        west = gateways.start("west", "west-gw-1");
        east = gateways.start("east", "east-gw-1");
        Plans.write(gateways.planFile("west-gw-1"), plan("west", 1,
                List.of(serviceImport(ECHO, PORT, TrafficPolicy.DEFAULT,
                        direct("west", "eu", 1, 0, "127.0.0.1", westBackend.address().getPort(), PORT))),
                List.of(peer("east", LoopbackGateways.endpointOf("east-gw-1", east)))));
        Plans.write(gateways.planFile("east-gw-1"), plan("east", 1,
                List.of(serviceImport(ECHO, PORT, TrafficPolicy.DEFAULT, viaGateway("west", "eu", 1, 0))),
                List.of(peer("west", LoopbackGateways.endpointOf("west-gw-1", west)))));
        await().atMost(Duration.ofSeconds(10)).until(() -> east.ready() && west.ready());
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> "west".equals(EchoClient.servedBy(listener(), 2000)));
    }

    @AfterEach
    void stop() {
        gateways.close();
        westBackend.close();
        log.close();
    }

    private InetSocketAddress listener() {
        return east.listenerAddress(ECHO, PORT).orElseThrow();
    }

    @Test
    void bytesFlowBothWaysThroughTheTunnel() throws Exception {
        byte[] data = new byte[4 << 20];
        new Random(7).nextBytes(data);
        try (EchoClient client = new EchoClient(listener(), 5000)) {
            assertThat(client.greeting()).isEqualTo("west");
            assertThat(client.echo(data)).isEqualTo(data);
            assertThat(client.finish()).isTrue();
        }
    }
}
