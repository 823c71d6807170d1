package io.fedgate.api.pki;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The fedgate components that run inside a member cluster, as named in SPIFFE ids. */
public enum Component {
    /** The federation hub (CA, API, planners). */
    HUB,
    /** A cluster agent: inventory up, plan down. */
    AGENT,
    /** A gateway replica carrying tunnels between clusters. */
    GATEWAY;

    /** The lowercase name used in SPIFFE ids and on the command line ({@code hub}, {@code agent}, {@code gateway}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The component named {@code id} (lowercase, as in a SPIFFE id).
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static Component parse(String id) {
        for (Component c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("component \"" + id + "\" is not one of " + allIds());
    }

    /** "hub, agent, gateway", for messages and help texts. */
    public static String allIds() {
        return Arrays.stream(values()).map(Component::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id();
    }
}
