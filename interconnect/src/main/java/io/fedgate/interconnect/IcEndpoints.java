package io.fedgate.interconnect;

import io.fedgate.interconnect.ovsdb.OvsdbEndpoint;
import io.fedgate.interconnect.ovsdb.OvsdbTls;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the interconnection databases are.
 *
 * @param icNb  IC-NB endpoints (comma-separated members of a cluster), or null when not needed
 * @param icSb  IC-SB endpoints, or null; {@code leave} needs it
 * @param zones availability zone name to that AZ's NB endpoints, in a stable order
 * @param tls   PEM files for {@code ssl:} endpoints, or null
 */
public record IcEndpoints(List<OvsdbEndpoint> icNb, List<OvsdbEndpoint> icSb, Map<String, List<OvsdbEndpoint>> zones,
                          OvsdbTls tls) {
    /** What an AZ name may look like (OVN takes any string; we keep to what works in port names). */
    public static final Pattern ZONE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    public IcEndpoints {
        icNb = icNb == null ? null : List.copyOf(icNb);
        icSb = icSb == null ? null : List.copyOf(icSb);
        Map<String, List<OvsdbEndpoint>> z = new LinkedHashMap<>();
        if (zones != null) {
            zones.forEach((k, v) -> z.put(k, List.copyOf(v)));
        }
        zones = Collections.unmodifiableMap(z);
    }

    /** Starts building endpoints from their text forms. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link IcEndpoints}, naming the option and value in every error. */
    public static final class Builder {
        private List<OvsdbEndpoint> icNb;
        private List<OvsdbEndpoint> icSb;
        private final Map<String, List<OvsdbEndpoint>> zones = new LinkedHashMap<>();
        private OvsdbTls tls;

        /** IC-NB, e.g. {@code tcp:10.0.0.5:6645}. */
        public Builder icNb(String endpoints) {
            this.icNb = parse("--ic-nb", endpoints);
            return this;
        }

        /** IC-SB, e.g. {@code tcp:10.0.0.5:6646}. */
        public Builder icSb(String endpoints) {
            this.icSb = parse("--ic-sb", endpoints);
            return this;
        }

        /** One AZ's NB. */
        public Builder zone(String name, String nbEndpoints) {
            if (name == null || !ZONE_NAME.matcher(name).matches()) {
                throw new InterconnectConfigException("--az " + name + "=" + nbEndpoints + ": AZ name \"" + name
                        + "\" must match " + ZONE_NAME.pattern());
            }
            if (zones.containsKey(name)) {
                throw new InterconnectConfigException("--az " + name + " is given twice");
            }
            zones.put(name, parse("--az " + name, nbEndpoints));
            return this;
        }

        /** One AZ from {@code NAME=ENDPOINTS}, as the CLI takes it. */
        public Builder zone(String nameEqualsEndpoints) {
            int eq = nameEqualsEndpoints == null ? -1 : nameEqualsEndpoints.indexOf('=');
            if (eq <= 0) {
                throw new InterconnectConfigException("--az \"" + nameEqualsEndpoints
                        + "\" must be NAME=ENDPOINT, e.g. az1=tcp:10.0.0.1:6641");
            }
            return zone(nameEqualsEndpoints.substring(0, eq), nameEqualsEndpoints.substring(eq + 1));
        }

        public Builder tls(OvsdbTls tls) {
            this.tls = tls;
            return this;
        }

        public IcEndpoints build() {
            return new IcEndpoints(icNb, icSb, zones, tls);
        }

        private static List<OvsdbEndpoint> parse(String option, String text) {
            try {
                return OvsdbEndpoint.parseList(text);
            } catch (IllegalArgumentException e) {
                throw new InterconnectConfigException(option + ": " + e.getMessage());
            }
        }
    }
}
