package io.fedgate.agent.internal.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Kube-OVN's interconnection settings, from the ConfigMap {@code kube-system/ovn-ic-config}.
 *
 * @param enabled      {@code enable-ic} is {@code true} and an {@code az-name} is set
 * @param azName       {@code az-name}: this cluster's availability zone ({@code NB_Global.name}), or null
 * @param gatewayNodes {@code gw-nodes}: the ovn-ic gateway nodes, in the order given
 * @param icDbHost     {@code ic-db-host}: the IC databases' host(s), or null
 * @param icNbPort     {@code ic-nb-port}, or null
 * @param icSbPort     {@code ic-sb-port}, or null
 * @param autoRoute    {@code auto-route}: Kube-OVN advertises and learns routes by itself
 * @param problems     what was wrong with the ConfigMap, each naming the key and value; empty when fine
 */
public record IcConfig(boolean enabled, String azName, List<String> gatewayNodes, String icDbHost, String icNbPort,
                       String icSbPort, boolean autoRoute, List<String> problems) {
    /** The ConfigMap's namespace. */
    public static final String NAMESPACE = "kube-system";
    /** The ConfigMap's name. */
    public static final String NAME = "ovn-ic-config";
    /** Interconnection off: no ConfigMap, or {@code enable-ic} is not {@code true}. */
    public static final IcConfig DISABLED = new IcConfig(false, null, List.of(), null, null, null, false, List.of());

    static final String ENABLE_IC = "enable-ic";
    static final String AZ_NAME = "az-name";
    static final String GW_NODES = "gw-nodes";
    static final String IC_DB_HOST = "ic-db-host";
    static final String IC_NB_PORT = "ic-nb-port";
    static final String IC_SB_PORT = "ic-sb-port";
    static final String AUTO_ROUTE = "auto-route";

    public IcConfig {
        gatewayNodes = gatewayNodes == null ? List.of() : List.copyOf(gatewayNodes);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /**
     * Reads the ConfigMap's data; null data (no ConfigMap) is {@link #DISABLED}. Never throws: a bad value
     * turns interconnection off and is listed in {@link #problems()}.
     */
    public static IcConfig parse(Map<String, String> data) {
        if (data == null) {
            return DISABLED;
        }
        List<String> problems = new ArrayList<>();
        boolean enableIc = flag(data, ENABLE_IC, problems);
        boolean autoRoute = flag(data, AUTO_ROUTE, problems);
        String azName = blankToNull(data.get(AZ_NAME));
        if (enableIc && azName == null) {
            problems.add(where(AZ_NAME) + ": missing while " + ENABLE_IC + " is \"true\"; interconnection stays off");
        }
        List<String> gatewayNodes = data.get(GW_NODES) == null ? List.of()
                : Arrays.stream(data.get(GW_NODES).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new IcConfig(enableIc && azName != null, azName, gatewayNodes, blankToNull(data.get(IC_DB_HOST)),
                blankToNull(data.get(IC_NB_PORT)), blankToNull(data.get(IC_SB_PORT)), autoRoute, problems);
    }

    private static boolean flag(Map<String, String> data, String key, List<String> problems) {
        String value = data.get(key);
        if (value == null || value.isBlank() || value.trim().equals("false")) {
            return false;
        }
        if (value.trim().equals("true")) {
            return true;
        }
        problems.add(where(key) + ": \"" + value + "\" is neither \"true\" nor \"false\"; taken as false");
        return false;
    }

    private static String where(String key) {
        return NAMESPACE + "/" + NAME + " data." + key;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
