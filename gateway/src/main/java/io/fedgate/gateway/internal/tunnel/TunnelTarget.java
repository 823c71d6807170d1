package io.fedgate.gateway.internal.tunnel;

import io.fedgate.api.model.ServiceKey;
import io.fedgate.api.net.IpAddresses;
import java.util.Objects;

/**
 * What a tunnel stream asks for: one port of one import, written as the CONNECT authority
 * {@code <name>.<namespace>.import.fedgate:<port>} (host:port form, as RFC 9113 §8.5 requires for CONNECT;
 * names are DNS labels, so the split is unambiguous); for a per-pod flow of a headless import also the one
 * endpoint of the serving cluster it must reach, sent in the {@value TunnelHeaders#ENDPOINT} header (an
 * endpoint without a hostname is named by its address, which is no DNS label, so it has no place in the
 * authority).
 *
 * @param endpoint the serving cluster's endpoint by hostname, else by address; null for any endpoint
 */
public record TunnelTarget(ServiceKey service, int port, String endpoint) {
    /** Suffix of every target host. */
    public static final String HOST_SUFFIX = ".import.fedgate";

    /** @throws IllegalArgumentException naming the bad port or endpoint */
    public TunnelTarget {
        Objects.requireNonNull(service, "service");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port (" + port + ") must be in 1..65535");
        }
        if (endpoint != null && !isDnsLabel(endpoint) && !IpAddresses.isLiteral(endpoint)) {
            throw new IllegalArgumentException(TunnelHeaders.ENDPOINT + " \"" + (endpoint.length()
                    > TunnelLimits.DEFAULT_MAX_ENDPOINT_CHARS ? endpoint.substring(0,
                    TunnelLimits.DEFAULT_MAX_ENDPOINT_CHARS) + "..." : endpoint)
                    + "\": expected a hostname (DNS-1123 label) or an IP address");
        }
    }

    /** Any endpoint of {@code port} of {@code service}. */
    public TunnelTarget(ServiceKey service, int port) {
        this(service, port, null);
    }

    /** This target narrowed to one endpoint (null: any). */
    public TunnelTarget withEndpoint(String name) {
        return new TunnelTarget(service, port, name);
    }

    /** The {@code :authority} naming this target. */
    public String authority() {
        return service.name() + "." + service.namespace() + HOST_SUFFIX + ":" + port;
    }

    /**
     * Parses an {@code :authority}.
     *
     * @throws IllegalArgumentException quoting the value and saying what is wrong with it
     */
    public static TunnelTarget parse(CharSequence authority) {
        if (authority == null) {
            throw new IllegalArgumentException(":authority is missing");
        }
        if (authority.length() > TunnelLimits.DEFAULT_MAX_AUTHORITY_CHARS) {
            throw new IllegalArgumentException(":authority of " + authority.length() + " characters is longer than "
                    + TunnelLimits.DEFAULT_MAX_AUTHORITY_CHARS);
        }
        String text = authority.toString();
        String quoted = ":authority \"" + text + "\": ";
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(quoted + "has no :port");
        }
        int port = parsePort(text.substring(colon + 1), quoted);
        String host = text.substring(0, colon);
        if (!host.endsWith(HOST_SUFFIX)) {
            throw new IllegalArgumentException(quoted + "host does not end with " + HOST_SUFFIX);
        }
        String[] labels = host.substring(0, host.length() - HOST_SUFFIX.length()).split("\\.", -1);
        if (labels.length != 2 || !isDnsLabel(labels[0]) || !isDnsLabel(labels[1])) {
            throw new IllegalArgumentException(quoted + "expected <name>.<namespace>" + HOST_SUFFIX
                    + ":<port> with DNS-1123 labels");
        }
        return new TunnelTarget(new ServiceKey(labels[1], labels[0]), port);
    }

    private static int parsePort(String text, String quoted) {
        int port = portNumber(text);
        if (port < 0) {
            throw new IllegalArgumentException(quoted + "port \"" + text + "\" is not a number in 1..65535");
        }
        if (port < 1) {
            throw new IllegalArgumentException(quoted + "port " + port + " is not in 1..65535");
        }
        return port;
    }

    /** {@code text} as a port number in 0..65535 (at most five digits), or -1. Loops: parsed on every stream. */
    static int portNumber(String text) {
        if (text.isEmpty() || text.length() > 5) {
            return -1;
        }
        int port = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            port = port * 10 + (c - '0');
        }
        return port <= 65535 ? port : -1;
    }

    private static boolean isDnsLabel(String s) {
        if (s.isEmpty() || s.length() > 63 || s.charAt(0) == '-' || s.charAt(s.length() - 1) == '-') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return service + ":" + port + (endpoint == null ? "" : "@" + endpoint);
    }
}
