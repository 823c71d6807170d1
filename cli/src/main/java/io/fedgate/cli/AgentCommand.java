package io.fedgate.cli;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fedgate.agent.AgentConfig;
import io.fedgate.agent.ClusterAgent;
import io.fedgate.agent.KubeOvnNames;
import io.fedgate.agent.ManagementServer;
import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.agent.spi.HubLink;
import io.fedgate.agent.spi.InterconnectMonitor;
import io.fedgate.api.model.GatewayListenerPorts;
import io.fedgate.api.model.InterconnectMode;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.net.Cidr;
import io.fedgate.api.pki.RotationPolicy;
import io.fedgate.cli.wiring.HubIdentity;
import io.fedgate.cli.wiring.OvnConnection;
import io.fedgate.cli.wiring.OvnInterconnectMonitor;
import io.fedgate.cli.wiring.ZoneProgrammerFactory;
import io.fedgate.interconnect.ovsdb.OvsdbTls;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fedgate agent}: runs one cluster's agent until the process is stopped. Takes the flags the
 * {@code fedgate-agent} chart passes ({@code charts/README.md}).
 *
 * <p>The hub link and the availability-zone programmer come from the two factories given to the constructor;
 * the no-argument constructor (what {@link Fedgate} registers) uses {@link io.fedgate.agent.HubClientLink} over a
 * hub client that joins with the token on first start and renews its certificate before expiry
 * ({@link HubIdentity#agentLink}), and {@link ZoneProgrammerFactory#forAgent()}.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Run the cluster agent: report this cluster's exports and network to the hub and apply its "
                + "plan (MCS ServiceImports, derived Services, EndpointSlices, export conditions, the OVN-IC "
                + "availability zone).",
            "Serves /metrics, /healthz and /readyz on the management port. Runs until stopped (SIGTERM)."})
final class AgentCommand implements Callable<Integer> {

    /** The agent's identity and hub address, for the hub client. */
    record HubSettings(URI hub, String clusterId, Path tokenFile, Path hubCaFile, Path certDir) {
    }

    /** Opens the hub link: joins with the token on first start, then uses the certificate in the cert dir. */
    @FunctionalInterface
    interface HubConnector {
        /**
         * @throws Exception when the hub cannot be joined; the command exits 1 naming the exception type
         */
        HubLink connect(HubSettings settings) throws Exception;
    }

    /** Builds the programmer of this cluster's availability zone on the OVN databases {@code ovn} reaches. */
    @FunctionalInterface
    interface ZoneProgrammers {
        AvailabilityZoneProgrammer forConnection(OvnConnection ovn);
    }

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    @Spec
    CommandSpec spec;

    @Option(names = "--hub", required = true, paramLabel = "URL", description = "The hub's mTLS API, https://host:port.")
    String hub;

    @Option(names = "--cluster-id", paramLabel = "ID",
            description = "This cluster's id (RFC 1123 label). Default: the UID of the kube-system namespace.")
    String clusterId;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig of the cluster. Default: in-cluster service account, else ~/.kube/config.")
    Path kubeconfig;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Single-use join token (with --hub-ca-file).")
    Path tokenFile;

    @Option(names = "--hub-ca-file", paramLabel = "FILE", description = "The hub's CA certificate (PEM).")
    Path hubCaFile;

    @Option(names = "--cert-dir", required = true, paramLabel = "DIR",
            description = "Where the agent keeps the certificate it obtained (tls.key, tls.crt, ca.crt).")
    Path certDir;

    @Option(names = "--field-manager", paramLabel = "NAME", defaultValue = AgentConfig.DEFAULT_FIELD_MANAGER,
            description = "Field manager of the agent's writes (default: ${DEFAULT-VALUE}).")
    String fieldManager;

    @Option(names = "--gateway-service", paramLabel = "NAMESPACE/NAME",
            description = "Service of this cluster's fedgate gateways; gateway-path imports point at its endpoints.")
    String gatewayService;

    @Option(names = "--gateway-listener-ports", paramLabel = "FIRST-LAST", defaultValue = "20000-29999",
            description = "Range this cluster's gateways derive import listener ports from: their --listener-ports "
                + "(default: ${DEFAULT-VALUE}). Gateway-path EndpointSlices point at those ports.")
    String gatewayListenerPorts;

    @Option(names = "--kube-ovn", arity = "0..1", defaultValue = "true", fallbackValue = "true", paramLabel = "BOOL",
            description = "The cluster runs Kube-OVN (default: ${DEFAULT-VALUE}); --kube-ovn=false for other CNIs.")
    boolean kubeOvn;

    @Option(names = "--ovn-nb", paramLabel = "ADDRESS",
            description = "This cluster's OVN northbound DB, e.g. tcp:ovn-nb.kube-system.svc:6641 (with Kube-OVN).")
    String ovnNb;

    @Option(names = "--ovn-private-key", paramLabel = "FILE",
            description = "Client private key (PEM) for ssl: OVN databases: the kube-ovn-tls Secret's key.")
    Path ovnPrivateKey;

    @Option(names = "--ovn-certificate", paramLabel = "FILE",
            description = "Client certificate (PEM) for ssl: OVN databases: the kube-ovn-tls Secret's cert.")
    Path ovnCertificate;

    @Option(names = "--ovn-ca-cert", paramLabel = "FILE",
            description = "CA certificate (PEM) the OVN databases' certificates must be signed by: the kube-ovn-tls "
                + "Secret's cacert. Like OVS, only the signature is checked, not the host name.")
    Path ovnCaCert;

    @Option(names = "--ovn-ic-ssl", arity = "0..1", defaultValue = "false", fallbackValue = "true", paramLabel = "BOOL",
            description = "Reach the IC databases of kube-system/ovn-ic-config over ssl: with the --ovn-* TLS files "
                + "(default: ${DEFAULT-VALUE}).")
    boolean ovnIcSsl;

    @Option(names = "--ovn-cluster-router", paramLabel = "NAME", defaultValue = KubeOvnNames.DEFAULT_CLUSTER_ROUTER,
            description = "Kube-OVN's default VPC and cluster router (default: ${DEFAULT-VALUE}); subnets of other VPCs "
                + "are not routed over OVN-IC.")
    String ovnClusterRouter;

    @Option(names = "--ovn-join-subnet", paramLabel = "NAME", defaultValue = KubeOvnNames.DEFAULT_JOIN_SUBNET,
            description = "Kube-OVN's join (node) subnet (default: ${DEFAULT-VALUE}).")
    String ovnJoinSubnet;

    @Option(names = "--interconnect-mode", paramLabel = "MODE", defaultValue = "kube-ovn",
            description = "Who owns OVN interconnection: kube-ovn (default: Kube-OVN's ovn-ic-controller does; fedgate "
                + "never writes an IC row and only reports what interconnection achieved) or fedgate (fedgate writes "
                + "the AZ's side of the hub's interconnect plan; Kube-OVN's IC must be off).")
    String interconnectMode;

    @Option(names = "--ovn-sb", paramLabel = "ADDRESS",
            description = "This cluster's OVN southbound DB, e.g. tcp:ovn-sb.kube-system.svc:6642: the agent checks "
                + "there that an ovn-ic daemon holds the AZ's ovn_ic lock. Without it, the AZ's registration in "
                + "IC-SB stands for the daemon.")
    String ovnSb;

    @Option(names = "--interconnect-observe-interval", paramLabel = "DURATION", defaultValue = "2s",
            description = "How often the agent reads what interconnection achieved (ovn-ic's lock, the AZ in "
                + "IC-SB, routes learned) and reports it to the hub when it changed (default: ${DEFAULT-VALUE}).")
    String interconnectObserveInterval;

    @Option(names = "--install-crds", description = "Create the MCS CRDs when they are missing.")
    boolean installCrds;

    @Option(names = "--service-cidr", paramLabel = "CIDR",
            description = "This cluster's service range, reported to the hub (repeatable); used where the cluster "
                + "serves no networking.k8s.io ServiceCIDRs (before Kubernetes 1.31).")
    List<String> serviceCidrs = new ArrayList<>();

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9090",
            description = "Management port: /metrics, /healthz, /readyz (default: ${DEFAULT-VALUE}; 0 picks one).")
    int metricsPort;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
            description = "trace, debug, info, warn or error (default: ${DEFAULT-VALUE}).")
    String logLevel;

    private final HubConnector connector;
    private final ZoneProgrammers zoneProgrammers;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** The command as {@code fedgate agent} runs it: the real hub client and the configured zone programmers. */
    public AgentCommand() {
        this(AgentCommand::connectToHub, ZoneProgrammerFactory.forAgent()::apply);
    }

    AgentCommand(HubConnector connector, ZoneProgrammers zoneProgrammers) {
        this.connector = connector;
        this.zoneProgrammers = zoneProgrammers;
    }

    private InterconnectMode interconnectMode() {
        try {
            return InterconnectMode.parse(interconnectMode);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--interconnect-mode: \"" + interconnectMode
                    + "\" is neither \"kube-ovn\" nor \"fedgate\"");
        }
    }

    @Override
    public Integer call() throws Exception {
        URI hubUri = hubUri();
        validateFlags();
        OvnConnection ovn = kubeOvn ? ovnConnection() : null;
        KubeOvnNames names = kubeOvnNames();
        ServiceKey gateway = gatewayKey();
        GatewayListenerPorts ports = listenerPorts();
        List<Cidr> cidrs = serviceCidrs();
        LogLevels.apply(logLevel);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(kubernetesConfig()).build()) {
            String id = clusterId != null ? clusterId : kubeSystemUid(client);
            AgentConfig config = agentConfig(id, gateway, ports, cidrs, names);
            HubLink link = connector.connect(new HubSettings(hubUri, id, tokenFile, hubCaFile, certDir));
            // in kube-ovn mode Kube-OVN owns every IC row: no programmer is made, so nothing can write one
            AvailabilityZoneProgrammer zones = kubeOvn && interconnectMode() == InterconnectMode.FEDGATE
                    ? zoneProgrammers.forConnection(ovn) : AvailabilityZoneProgrammer.NONE;
            // read-only in both modes; connects only once ovn-ic-config enables interconnection
            OvnInterconnectMonitor monitor = kubeOvn ? new OvnInterconnectMonitor(ovn, ovnSb) : null;
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (ClusterAgent agent = new ClusterAgent(config, client, link, zones,
                    monitor != null ? monitor : InterconnectMonitor.NONE, registry, Clock.systemUTC());
                 ManagementServer management = ManagementServer.start("0.0.0.0", metricsPort, registry::scrape,
                         agent::health)) {
                Thread hook = new Thread(stopped::countDown, "fedgate-agent-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                agent.start();
                PrintWriter out = spec.commandLine().getOut();
                out.println("fedgate agent: cluster " + id + ", hub " + hubUri + ", management port "
                        + management.port());
                out.flush();
                stopped.await();
                removeHook(hook);
            } finally {
                // the agent has stopped calling the programmer: its connections (and drift repair) can go
                if (zones instanceof AutoCloseable programmer) {
                    programmer.close();
                }
                if (monitor != null) {
                    monitor.close();
                }
                if (link instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            }
        }
        return 0;
    }

    /** Joins (first start) or loads the agent certificate, and links the agent to the hub with it. */
    static HubLink connectToHub(HubSettings settings) {
        return HubIdentity.agentLink(List.of(settings.hub()), settings.clusterId(), settings.tokenFile(),
                settings.hubCaFile(), settings.certDir(), RotationPolicy.DEFAULT);
    }

    /** Makes a running {@link #call()} return, as SIGTERM does. */
    void stop() {
        stopped.countDown();
    }

    private URI hubUri() {
        try {
            URI uri = new URI(hub);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new UserInputException("--hub: \"" + hub + "\" must be an https:// URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UserInputException("--hub: \"" + hub + "\" is not a URL: " + e.getReason());
        }
    }

    private void validateFlags() {
        if (clusterId != null && (clusterId.length() > 63 || !DNS_LABEL.matcher(clusterId).matches())) {
            throw new UserInputException("--cluster-id: \"" + clusterId + "\" is not an RFC 1123 DNS label "
                    + "(lowercase letters, digits and '-', at most 63 characters)");
        }
        if ((tokenFile == null) != (hubCaFile == null)) {
            throw new UserInputException(tokenFile == null ? "--hub-ca-file needs --token-file"
                    : "--token-file needs --hub-ca-file (the hub's CA certificate)");
        }
        readable("--token-file", tokenFile);
        readable("--hub-ca-file", hubCaFile);
        readable("--kubeconfig", kubeconfig);
        if (kubeOvn && ovnNb == null) {
            throw new UserInputException("--ovn-nb is required unless --kube-ovn=false");
        }
        if (!kubeOvn && (ovnNb != null || ovnSb != null)) {
            throw new UserInputException((ovnNb != null ? "--ovn-nb" : "--ovn-sb")
                    + " cannot be combined with --kube-ovn=false");
        }
        interconnectMode();
        if (GatewayCommand.duration("--interconnect-observe-interval", interconnectObserveInterval).compareTo(
                java.time.Duration.ofMillis(100)) < 0) {
            throw new UserInputException("--interconnect-observe-interval \"" + interconnectObserveInterval
                    + "\" is shorter than 100ms");
        }
        if (metricsPort < 0 || metricsPort > 65535) {
            throw new UserInputException("--metrics-port: " + metricsPort + " is outside 0..65535");
        }
        LogLevels.require(logLevel);
    }

    /**
     * The OVN connection from the flags; TLS files are read here, so a missing or garbled one stops the agent at
     * start, naming the flag's file, rather than failing every plan.
     */
    private OvnConnection ovnConnection() {
        List<Path> files = new ArrayList<>();
        for (Path p : new Path[] {ovnPrivateKey, ovnCertificate, ovnCaCert}) {
            if (p != null) {
                files.add(p);
            }
        }
        if (!files.isEmpty() && files.size() < 3) {
            throw new UserInputException("--ovn-private-key, --ovn-certificate and --ovn-ca-cert go together; given: "
                    + files);
        }
        OvsdbTls tls = null;
        if (!files.isEmpty()) {
            try {
                tls = new OvsdbTls(ovnPrivateKey, ovnCertificate, ovnCaCert, false).validated();
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--ovn-private-key/--ovn-certificate/--ovn-ca-cert: " + e.getMessage());
            }
        }
        boolean nbOverSsl = ovnNb.trim().startsWith("ssl:");
        if ((nbOverSsl || ovnIcSsl) && tls == null) {
            throw new UserInputException((nbOverSsl ? "--ovn-nb " + ovnNb : "--ovn-ic-ssl")
                    + " needs --ovn-private-key, --ovn-certificate and --ovn-ca-cert (the kube-ovn-tls Secret's key, "
                    + "cert and cacert)");
        }
        try {
            return new OvnConnection(ovnNb, tls, ovnIcSsl, ovnClusterRouter);
        } catch (RuntimeException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    private ServiceKey gatewayKey() {
        if (gatewayService == null || gatewayService.isEmpty()) {
            return null;
        }
        try {
            return ServiceKey.parse(gatewayService);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--gateway-service: " + e.getMessage());
        }
    }

    private GatewayListenerPorts listenerPorts() {
        try {
            return GatewayListenerPorts.parse(gatewayListenerPorts);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--gateway-listener-ports " + e.getMessage());
        }
    }

    private List<Cidr> serviceCidrs() {
        List<Cidr> cidrs = new ArrayList<>();
        for (String text : serviceCidrs) {
            try {
                cidrs.add(Cidr.parse(text));
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--service-cidr: " + e.getMessage());
            }
        }
        return cidrs;
    }

    private KubeOvnNames kubeOvnNames() {
        try {
            return new KubeOvnNames(ovnClusterRouter, ovnJoinSubnet);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--ovn-cluster-router/--ovn-join-subnet: " + e.getMessage());
        }
    }

    private AgentConfig agentConfig(String id, ServiceKey gateway, GatewayListenerPorts ports, List<Cidr> cidrs,
                                    KubeOvnNames names) {
        try {
            return AgentConfig.defaults(id).withFieldManager(fieldManager).withGatewayService(gateway)
                    .withGatewayListenerPorts(ports).withKubeOvn(kubeOvn).withInstallCrds(installCrds)
                    .withServiceCidrs(cidrs).withKubeOvnNames(names).withInterconnect(interconnectMode(),
                            GatewayCommand.duration("--interconnect-observe-interval", interconnectObserveInterval));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    private Config kubernetesConfig() throws IOException {
        return kubeconfig == null ? Config.autoConfigure(null) : Config.fromKubeconfig(Files.readString(kubeconfig));
    }

    private String kubeSystemUid(KubernetesClient client) {
        try {
            Namespace kubeSystem = client.namespaces().withName("kube-system").get();
            if (kubeSystem == null || kubeSystem.getMetadata().getUid() == null) {
                throw new UserInputException("--cluster-id not given and namespace kube-system has no UID to use");
            }
            return kubeSystem.getMetadata().getUid();
        } catch (KubernetesClientException e) {
            throw new IllegalStateException("--cluster-id not given and the kube-system namespace cannot be read: HTTP "
                    + e.getCode() + ": " + e.getMessage(), e);
        }
    }

    private static void readable(String flag, Path file) {
        if (file != null && !Files.isReadable(file)) {
            throw new UserInputException(flag + ": " + file + " does not exist or cannot be read");
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running, nothing to remove
        }
    }
}
