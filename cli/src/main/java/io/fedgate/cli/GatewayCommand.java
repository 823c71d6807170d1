package io.fedgate.cli;

import io.fedgate.api.model.GatewayListenerPorts;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.net.IpAddresses;
import io.fedgate.api.pki.PkiException;
import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.gateway.GatewayConfig;
import io.fedgate.gateway.GatewayServer;
import io.fedgate.gateway.GatewayTuning;
import io.fedgate.gateway.PlanFileSource;
import io.fedgate.gateway.spi.PlanSource;
import io.fedgate.api.pki.RotationPolicy;
import io.fedgate.cli.wiring.HubIdentity;
import java.net.URI;
import org.slf4j.LoggerFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fedgate gateway}: runs one gateway replica until SIGTERM, then drains (GOAWAY, no new flows, open
 * flows finish up to {@code --drain-timeout}).
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = {"Run a gateway replica: mutual-TLS HTTP/2 tunnels to the plan's peer gateways, a listener per "
            + "port of each gateway-path import, global load balancing, /metrics /healthz /readyz.",
            "Runs until SIGTERM, then drains."})
final class GatewayCommand implements Callable<Integer> {

    @Option(names = "--cluster-id", required = true, paramLabel = "ID", description = "This gateway's cluster.")
    String clusterId;

    @Option(names = {"--cert-dir", "--cert"}, required = true, paramLabel = "DIR",
            description = "TLS directory (tls.key, tls.crt, ca.crt) with this cluster's gateway certificate; with "
                + "--hub and a join token it is where the certificate obtained on first start is kept. With --hub "
                + "the certificate is renewed before expiry and saved here.")
    Path certDir;

    @Option(names = "--hub", paramLabel = "URL",
            description = "The hub's mTLS API, https://host:port (repeatable: every hub member). The plan is "
                + "watched there. Exactly one of --hub and --plan.")
    List<String> hubs = new ArrayList<>();

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Single-use join token for the gateway component (with --hub and --hub-ca-file), used "
                + "only while --cert-dir holds no certificate.")
    Path tokenFile;

    @Option(names = "--hub-ca-file", paramLabel = "FILE", description = "The hub's CA certificate (PEM).")
    Path hubCaFile;

    @Option(names = "--plan", paramLabel = "FILE",
            description = "ClusterPlan JSON file, re-read when it changes (hub-less operation). Exactly one of "
                + "--hub and --plan.")
    Path planFile;

    @Option(names = "--advertise-address", paramLabel = "HOST",
            description = "The address peer gateways dial (the tunnel Service's; the agent reports it to the hub). "
                + "Logged at start-up.")
    String advertiseAddress;

    @Option(names = "--metrics-port", paramLabel = "N",
            description = "Port of /metrics, /healthz, /readyz on all addresses (the chart's form of --admin).")
    Integer metricsPort;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
            description = "trace, debug, info, warn or error (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Option(names = "--listen", paramLabel = "ADDR", defaultValue = "0.0.0.0",
            description = "Address for import listeners and the tunnel port (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--tunnel-port", paramLabel = "N", defaultValue = "15001",
            description = "Port peer gateways dial (default: ${DEFAULT-VALUE}).")
    int tunnelPort;

    @Option(names = "--admin", paramLabel = "ADDR:PORT", defaultValue = "0.0.0.0:9090",
            description = "Plain-HTTP /metrics, /healthz, /readyz (default: ${DEFAULT-VALUE}).")
    String admin;

    @Option(names = "--name", paramLabel = "NAME", description = "Replica name for logs (default: the host name).")
    String name;

    @Option(names = "--listener-ports", paramLabel = "FIRST-LAST", defaultValue = "20000-29999",
            description = "Range import listener ports are derived from; the agent must use the same "
                + "(default: ${DEFAULT-VALUE}).")
    String listenerPorts;

    @Option(names = "--proxy-protocol", paramLabel = "NAMESPACE/NAME",
            description = "Import whose backends get a PROXY protocol v2 header from this gateway (repeatable).")
    List<String> proxyProtocol = new ArrayList<>();

    @Option(names = "--hold-down", paramLabel = "DURATION", defaultValue = "5s",
            description = "How long a recovered cluster must stay healthy before taking traffic back "
                + "(default: ${DEFAULT-VALUE}).")
    String holdDown;

    @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "20s",
            description = "How long open flows may run after SIGTERM (default: ${DEFAULT-VALUE}).")
    String drainTimeout;

    @Option(names = "--event-loops", paramLabel = "N", defaultValue = "0",
            description = "Netty event loops (default: 0 = twice the cores).")
    int eventLoops;

    @Override
    public Integer call() throws InterruptedException {
        PlanSource source = planSource();
        GatewayConfig config = config();
        LogLevels.apply(logLevel);
        GatewayServer server = GatewayServer.start(config, source);
        LoggerFactory.getLogger(GatewayCommand.class).info("cluster {}: gateway {} serving the plan of {}, tunnel {}"
                + " (advertised as {}), admin {}", clusterId, config.name(), source.describe(),
                server.tunnelAddress(), advertiseAddress, server.adminAddress());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "fedgate-gateway-drain"));
        stopped.await();
        return 0;
    }

    /** The plan file, or the hub's watch (joining first when the cert dir is empty). */
    PlanSource planSource() {
        if (hubs.isEmpty() == (planFile == null)) {
            throw new UserInputException(planFile == null ? "give --hub URL (watch the plan on the hub) or --plan FILE"
                    : "--hub and --plan exclude each other: the plan comes from the hub or from a file");
        }
        if (planFile != null) {
            if (tokenFile != null || hubCaFile != null) {
                throw new UserInputException("--token-file and --hub-ca-file need --hub");
            }
            return new PlanFileSource(planFile);
        }
        if ((tokenFile == null) != (hubCaFile == null)) {
            throw new UserInputException(tokenFile == null ? "--hub-ca-file needs --token-file"
                    : "--token-file needs --hub-ca-file (the hub's CA certificate)");
        }
        List<URI> urls = new ArrayList<>();
        for (String hub : hubs) {
            URI uri = URI.create(hub);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new UserInputException("--hub: \"" + hub + "\" must be an https:// URL with a host");
            }
            urls.add(uri);
        }
        return HubIdentity.gatewayPlanSource(urls, clusterId, tokenFile, hubCaFile, certDir, RotationPolicy.DEFAULT);
    }

    GatewayConfig config() {
        TlsMaterial tls;
        try {
            tls = TlsMaterial.load(certDir);
        } catch (PkiException e) {
            throw new UserInputException("--cert " + e.getMessage());
        }
        if (tunnelPort < 0 || tunnelPort > 65535) {
            throw new UserInputException("--tunnel-port " + tunnelPort + " is not in 0..65535");
        }
        InetAddress listenAddress = address("--listen", listen);
        GatewayTuning tuning = GatewayTuning.DEFAULT.withHoldDown(duration("--hold-down", holdDown))
                .withDrainTimeout(duration("--drain-timeout", drainTimeout)).withEventLoopThreads(eventLoops);
        GatewayListenerPorts ports;
        try {
            ports = GatewayListenerPorts.parse(listenerPorts);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--listener-ports " + e.getMessage());
        }
        return new GatewayConfig(clusterId, name != null ? name : hostName(), tls, listenAddress, ports,
                new InetSocketAddress(listenAddress, tunnelPort), adminAddress(), proxyImports(), tuning);
    }

    private Set<ServiceKey> proxyImports() {
        Set<ServiceKey> keys = new HashSet<>();
        for (String text : proxyProtocol) {
            try {
                keys.add(ServiceKey.parse(text));
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--proxy-protocol " + e.getMessage());
            }
        }
        return keys;
    }

    private InetSocketAddress adminAddress() {
        if (metricsPort != null) {
            if (metricsPort < 0 || metricsPort > 65535) {
                throw new UserInputException("--metrics-port " + metricsPort + " is not in 0..65535");
            }
            return new InetSocketAddress(metricsPort);
        }
        int colon = admin.lastIndexOf(':');
        if (colon <= 0) {
            throw new UserInputException("--admin \"" + admin + "\" is not ADDR:PORT");
        }
        String host = admin.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(admin.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UserInputException("--admin \"" + admin + "\": port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new UserInputException("--admin \"" + admin + "\": port " + port + " is not in 0..65535");
        }
        return new InetSocketAddress(address("--admin", host), port);
    }

    private static InetAddress address(String option, String text) {
        if (!IpAddresses.isLiteral(text)) {
            throw new UserInputException(option + " \"" + text + "\" is not an IP address");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new UserInputException(option + " \"" + text + "\" is not an IP address");
        }
    }

    /** Parses {@code 250ms}, {@code 5s}, {@code 2m}. */
    static Duration duration(String option, String text) {
        String t = text.strip();
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted forms
        }
        throw new UserInputException(option + " \"" + text + "\" is not a duration like 250ms, 5s or 2m");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "gateway";
        }
    }
}
