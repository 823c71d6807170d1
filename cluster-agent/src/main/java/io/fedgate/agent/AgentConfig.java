package io.fedgate.agent;

import io.fedgate.api.model.GatewayListenerPorts;
import io.fedgate.api.model.InterconnectMode;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.net.Cidr;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How one agent runs. Validated on construction: an {@link AgentConfigException} names the setting and value.
 *
 * @param clusterId         this cluster's id in the set: an RFC 1123 DNS label
 * @param fieldManager      field manager of every write (server-side apply)
 * @param gatewayService    the fedgate gateways' Service ({@code --gateway-service}), or null: gateway-path
 *                          imports then have no endpoints here
 * @param gatewayListenerPorts the range the gateways derive their import listener ports from (the gateways'
 *                          {@code --listener-ports}); gateway-path EndpointSlices point at those ports
 * @param kubeOvn           the cluster runs Kube-OVN: watch Subnets and {@code ovn-ic-config}, program the AZ
 * @param installCrds       create the MCS CRDs when they are missing
 * @param serviceCidrs      this cluster's service ranges, reported to the hub (Kubernetes does not publish them)
 * @param writeMethod       server-side apply, or create and update for API servers without it
 * @param debounce          how long changes are collected before one sync
 * @param heartbeatInterval how often the lease on the hub is renewed
 * @param retryInitial      first delay after a failed sync (doubling up to {@code retryMax})
 * @param retryMax          longest delay between retries
 * @param crdRecheck        how often missing CRDs are checked again
 * @param kubeOvnNames      Kube-OVN's cluster router (default VPC) and join subnet names
 * @param interconnectMode  who owns OVN interconnection here; only {@code fedgate} mode programs the AZ
 * @param interconnectObserveInterval how often what interconnection achieved is read (and reported when it
 *                          changed)
 */
public record AgentConfig(String clusterId, String fieldManager, ServiceKey gatewayService,
                          GatewayListenerPorts gatewayListenerPorts, boolean kubeOvn,
                          boolean installCrds, List<Cidr> serviceCidrs, WriteMethod writeMethod, Duration debounce,
                          Duration heartbeatInterval, Duration retryInitial, Duration retryMax, Duration crdRecheck,
                          KubeOvnNames kubeOvnNames, InterconnectMode interconnectMode,
                          Duration interconnectObserveInterval) {
    /** The field manager the charts use. */
    public static final String DEFAULT_FIELD_MANAGER = "fedgate";
    /** Changes within this window become one sync. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(200);
    /** Lease renewal period. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
    /** First retry delay. */
    public static final Duration DEFAULT_RETRY_INITIAL = Duration.ofMillis(500);
    /** Longest retry delay. */
    public static final Duration DEFAULT_RETRY_MAX = Duration.ofSeconds(30);
    /** CRD re-check period. */
    public static final Duration DEFAULT_CRD_RECHECK = Duration.ofSeconds(5);
    /**
     * How often interconnection is observed: a stopped ovn-ic reaches the hub within this plus the debounce,
     * while one look costs a lock round trip to the SB and a read of local replicas.
     */
    public static final Duration DEFAULT_INTERCONNECT_OBSERVE_INTERVAL = Duration.ofSeconds(2);
    /** Kubernetes' limit on a field manager's length. */
    public static final int MAX_FIELD_MANAGER_LENGTH = 128;

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final int MAX_LABEL_LENGTH = 63;

    public AgentConfig {
        if (clusterId == null || clusterId.length() > MAX_LABEL_LENGTH || !DNS_LABEL.matcher(clusterId).matches()) {
            throw new AgentConfigException("clusterId: " + quoted(clusterId)
                    + " is not an RFC 1123 DNS label (lowercase letters, digits and '-', at most 63 characters)");
        }
        if (fieldManager == null || fieldManager.isBlank() || fieldManager.length() > MAX_FIELD_MANAGER_LENGTH) {
            throw new AgentConfigException("fieldManager: " + quoted(fieldManager) + " must be 1 to "
                    + MAX_FIELD_MANAGER_LENGTH + " characters");
        }
        gatewayListenerPorts = gatewayListenerPorts == null ? GatewayListenerPorts.DEFAULT : gatewayListenerPorts;
        serviceCidrs = serviceCidrs == null ? List.of() : serviceCidrs.stream().map(Cidr::network).toList();
        writeMethod = writeMethod == null ? WriteMethod.SERVER_SIDE_APPLY : writeMethod;
        kubeOvnNames = kubeOvnNames == null ? KubeOvnNames.DEFAULTS : kubeOvnNames;
        debounce = positive("debounce", debounce, true);
        heartbeatInterval = positive("heartbeatInterval", heartbeatInterval, false);
        retryInitial = positive("retryInitial", retryInitial, false);
        retryMax = positive("retryMax", retryMax, false);
        crdRecheck = positive("crdRecheck", crdRecheck, false);
        interconnectMode = interconnectMode == null ? InterconnectMode.KUBE_OVN : interconnectMode;
        interconnectObserveInterval = positive("interconnectObserveInterval", interconnectObserveInterval, false);
        if (retryMax.compareTo(retryInitial) < 0) {
            throw new AgentConfigException("retryMax: " + retryMax + " must be >= retryInitial (" + retryInitial + ")");
        }
    }

    /** Defaults for everything but the cluster id: no gateway Service, no Kube-OVN, server-side apply. */
    public static AgentConfig defaults(String clusterId) {
        return new AgentConfig(clusterId, DEFAULT_FIELD_MANAGER, null, null, false, false, List.of(),
                WriteMethod.SERVER_SIDE_APPLY, DEFAULT_DEBOUNCE, DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_RETRY_INITIAL,
                DEFAULT_RETRY_MAX, DEFAULT_CRD_RECHECK, null, InterconnectMode.KUBE_OVN,
                DEFAULT_INTERCONNECT_OBSERVE_INTERVAL);
    }

    /** This configuration with another field manager. */
    public AgentConfig withFieldManager(String manager) {
        return new AgentConfig(clusterId, manager, gatewayService, gatewayListenerPorts, kubeOvn, installCrds,
                serviceCidrs, writeMethod, debounce, heartbeatInterval, retryInitial, retryMax, crdRecheck, kubeOvnNames,
                interconnectMode, interconnectObserveInterval);
    }

    /** This configuration with another gateway Service (null for none). */
    public AgentConfig withGatewayService(ServiceKey service) {
        return new AgentConfig(clusterId, fieldManager, service, gatewayListenerPorts, kubeOvn, installCrds,
                serviceCidrs, writeMethod, debounce, heartbeatInterval, retryInitial, retryMax, crdRecheck, kubeOvnNames,
                interconnectMode, interconnectObserveInterval);
    }

    /** This configuration with another gateway listener port range. */
    public AgentConfig withGatewayListenerPorts(GatewayListenerPorts ports) {
        return new AgentConfig(clusterId, fieldManager, gatewayService, ports, kubeOvn, installCrds, serviceCidrs,
                writeMethod, debounce, heartbeatInterval, retryInitial, retryMax, crdRecheck, kubeOvnNames,
                interconnectMode, interconnectObserveInterval);
    }

    /** This configuration with Kube-OVN on or off. */
    public AgentConfig withKubeOvn(boolean enabled) {
        return new AgentConfig(clusterId, fieldManager, gatewayService, gatewayListenerPorts, enabled, installCrds,
                serviceCidrs, writeMethod, debounce, heartbeatInterval, retryInitial, retryMax, crdRecheck, kubeOvnNames,
                interconnectMode, interconnectObserveInterval);
    }

    /** This configuration with CRD installation on or off. */
    public AgentConfig withInstallCrds(boolean install) {
        return new AgentConfig(clusterId, fieldManager, gatewayService, gatewayListenerPorts, kubeOvn, install,
                serviceCidrs, writeMethod, debounce, heartbeatInterval, retryInitial, retryMax, crdRecheck, kubeOvnNames,
                interconnectMode, interconnectObserveInterval);
    }

    /** This configuration with other service ranges. */
    public AgentConfig withServiceCidrs(List<Cidr> cidrs) {
        return new AgentConfig(clusterId, fieldManager, gatewayService, gatewayListenerPorts, kubeOvn, installCrds,
                cidrs, writeMethod, debounce, heartbeatInterval, retryInitial, retryMax, crdRecheck, kubeOvnNames,
                interconnectMode, interconnectObserveInterval);
    }

    /** This configuration with other Kube-OVN names (cluster router, join subnet). */
    public AgentConfig withKubeOvnNames(KubeOvnNames names) {
        return new AgentConfig(clusterId, fieldManager, gatewayService, gatewayListenerPorts, kubeOvn, installCrds,
                serviceCidrs, writeMethod, debounce, heartbeatInterval, retryInitial, retryMax, crdRecheck,
                names, interconnectMode, interconnectObserveInterval);
    }

    /** This configuration with another write method. */
    public AgentConfig withWriteMethod(WriteMethod method) {
        return new AgentConfig(clusterId, fieldManager, gatewayService, gatewayListenerPorts, kubeOvn, installCrds,
                serviceCidrs, method, debounce, heartbeatInterval, retryInitial, retryMax, crdRecheck,
                kubeOvnNames, interconnectMode, interconnectObserveInterval);
    }

    /** This configuration with other timings. */
    public AgentConfig withTimings(Duration debounceWindow, Duration heartbeat, Duration firstRetry,
                                   Duration longestRetry, Duration crdCheck) {
        return new AgentConfig(clusterId, fieldManager, gatewayService, gatewayListenerPorts, kubeOvn, installCrds,
                serviceCidrs, writeMethod, debounceWindow, heartbeat, firstRetry, longestRetry, crdCheck,
                kubeOvnNames, interconnectMode, interconnectObserveInterval);
    }

    /** This configuration with another interconnection owner and observation interval. */
    public AgentConfig withInterconnect(InterconnectMode mode, Duration observeInterval) {
        return new AgentConfig(clusterId, fieldManager, gatewayService, gatewayListenerPorts, kubeOvn, installCrds,
                serviceCidrs, writeMethod, debounce, heartbeatInterval, retryInitial, retryMax, crdRecheck,
                kubeOvnNames, mode, observeInterval);
    }

    private static Duration positive(String name, Duration value, boolean zeroAllowed) {
        if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new AgentConfigException(name + ": " + value + " must be " + (zeroAllowed ? ">= 0" : "> 0"));
        }
        return value;
    }

    private static String quoted(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }
}
