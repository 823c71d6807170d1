package io.fedgate.agent.spi;

/**
 * Where the OVN-IC databases are, as Kube-OVN's {@code kube-system/ovn-ic-config} ConfigMap says:
 * {@code ic-db-host} with {@code ic-nb-port} and {@code ic-sb-port}.
 *
 * @param host   {@code ic-db-host}: one host, or the comma-separated members of a clustered IC database
 * @param nbPort {@code ic-nb-port}, or null for Kube-OVN's default {@value #DEFAULT_NB_PORT}
 * @param sbPort {@code ic-sb-port}, or null for Kube-OVN's default {@value #DEFAULT_SB_PORT}
 */
public record InterconnectDatabases(String host, String nbPort, String sbPort) {
    /** Kube-OVN's default IC-NB port. */
    public static final String DEFAULT_NB_PORT = "6645";
    /** Kube-OVN's default IC-SB port. */
    public static final String DEFAULT_SB_PORT = "6646";

    public InterconnectDatabases {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("ic-db-host must not be empty");
        }
        nbPort = nbPort == null || nbPort.isBlank() ? DEFAULT_NB_PORT : nbPort.trim();
        sbPort = sbPort == null || sbPort.isBlank() ? DEFAULT_SB_PORT : sbPort.trim();
    }

    /** IC-NB as an OVSDB connection string, {@code tcp:HOST:PORT[,tcp:HOST2:PORT]}. */
    public String icNb() {
        return endpoints(nbPort);
    }

    /** IC-SB as an OVSDB connection string. */
    public String icSb() {
        return endpoints(sbPort);
    }

    private String endpoints(String port) {
        StringBuilder sb = new StringBuilder();
        for (String h : host.split(",")) {
            String trimmed = h.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            // OVSDB writes IPv6 addresses in brackets, as in tcp:[fd00::1]:6645
            sb.append("tcp:").append(trimmed.contains(":") ? "[" + trimmed + "]" : trimmed).append(':').append(port);
        }
        return sb.toString();
    }
}
