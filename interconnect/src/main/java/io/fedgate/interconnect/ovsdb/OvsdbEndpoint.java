package io.fedgate.interconnect.ovsdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Where an OVSDB server listens, in OVS's own notation: {@code tcp:HOST:PORT} or {@code ssl:HOST:PORT}
 * (IPv6 hosts in brackets: {@code tcp:[::1]:6641}).
 */
public record OvsdbEndpoint(Transport transport, String host, int port) {
    /** How to reach the server. */
    public enum Transport {
        TCP("tcp"), SSL("ssl");

        private final String scheme;

        Transport(String scheme) {
            this.scheme = scheme;
        }

        /** The URL scheme. */
        public String scheme() {
            return scheme;
        }
    }

    public OvsdbEndpoint {
        if (transport == null || host == null || host.isEmpty()) {
            throw new IllegalArgumentException("an OVSDB endpoint needs a transport and a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " of OVSDB endpoint " + host + " is not in 1..65535");
        }
    }

    /**
     * Parses one endpoint.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static OvsdbEndpoint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty OVSDB endpoint (expected tcp:HOST:PORT or ssl:HOST:PORT)");
        }
        String t = text.trim();
        int colon = t.indexOf(':');
        String scheme = colon < 0 ? "" : t.substring(0, colon);
        Transport transport = switch (scheme) {
            case "tcp" -> Transport.TCP;
            case "ssl" -> Transport.SSL;
            case "unix" -> throw new IllegalArgumentException("\"" + text
                    + "\": unix sockets are not supported by fedgate's OVSDB client; use tcp:HOST:PORT or ssl:HOST:PORT");
            default -> throw new IllegalArgumentException("\"" + text
                    + "\" is not an OVSDB endpoint (expected tcp:HOST:PORT or ssl:HOST:PORT)");
        };
        String rest = t.substring(colon + 1);
        String host;
        String portText;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0 || close + 1 >= rest.length() || rest.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("\"" + text + "\" is not an OVSDB endpoint (expected "
                        + scheme + ":[IPV6]:PORT)");
            }
            host = rest.substring(1, close);
            portText = rest.substring(close + 2);
        } else {
            int last = rest.lastIndexOf(':');
            if (last <= 0 || rest.indexOf(':') != last) {
                throw new IllegalArgumentException("\"" + text + "\" is not an OVSDB endpoint (expected "
                        + scheme + ":HOST:PORT)");
            }
            host = rest.substring(0, last);
            portText = rest.substring(last + 1);
        }
        int port;
        try {
            if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException();
            }
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\": port \"" + portText + "\" is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("\"" + text + "\": port " + port + " is not in 1..65535");
        }
        return new OvsdbEndpoint(transport, host, port);
    }

    /** Parses a comma-separated list (the members of a clustered database). */
    public static List<OvsdbEndpoint> parseList(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty OVSDB endpoint list (expected tcp:HOST:PORT[,tcp:HOST:PORT...])");
        }
        List<OvsdbEndpoint> out = new ArrayList<>();
        for (String part : text.split(",")) {
            out.add(parse(part));
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return transport.scheme() + ":" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
