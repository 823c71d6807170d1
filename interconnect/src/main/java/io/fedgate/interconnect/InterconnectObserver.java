package io.fedgate.interconnect;

import io.fedgate.api.net.Cidr;
import io.fedgate.interconnect.internal.Databases;
import io.fedgate.interconnect.internal.StatusReader;
import io.fedgate.interconnect.ovsdb.DatabaseSnapshot;
import io.fedgate.interconnect.ovsdb.OvsdbClient;
import io.fedgate.interconnect.ovsdb.OvsdbEndpoint;
import io.fedgate.interconnect.ovsdb.OvsdbEventLoop;
import io.fedgate.interconnect.ovsdb.OvsdbException;
import io.fedgate.interconnect.ovsdb.OvsdbTls;
import io.fedgate.interconnect.ovsdb.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what interconnection achieved in one AZ, and never writes: the AZ's name in its NB, the routes ovn-ic
 * learned there, whether IC-SB has the AZ registered, and whether an {@code ovn-ic} daemon holds the AZ's
 * {@code ovn_ic} lock in its SB. This is all fedgate does to OVN when Kube-OVN owns interconnection, and what
 * it reports in both modes. Holds one monitored connection per database until closed.
 */
public final class InterconnectObserver implements AutoCloseable {
    private final String availabilityZone;
    private final OvsdbEventLoop loop;
    private final OvsdbClient nb;
    private final OvsdbClient icSb;
    private final OvsdbClient sb;

    private InterconnectObserver(String availabilityZone, OvsdbEventLoop loop, OvsdbClient nb, OvsdbClient icSb,
                                 OvsdbClient sb) {
        this.availabilityZone = availabilityZone;
        this.loop = loop;
        this.nb = nb;
        this.icSb = icSb;
        this.sb = sb;
    }

    /**
     * What one look found.
     *
     * @param daemonActive    an ovn-ic holds the AZ's lock; null when no SB address was given (not checked)
     * @param registered      IC-SB has an {@code Availability_Zone} of this name; false without IC-SB
     * @param learnedPrefixes normalized prefixes ovn-ic learned into the NB
     * @param problems        what was found wrong, each naming the database and the value
     */
    public record Observation(Boolean daemonActive, boolean registered, List<Cidr> learnedPrefixes,
                              List<String> problems) {
        public Observation {
            learnedPrefixes = List.copyOf(learnedPrefixes);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Connects to the AZ's NB and, when given, IC-SB and the AZ's SB.
     *
     * @param icSbEndpoints null: registration is not checked (and reported as missing)
     * @param sbEndpoints   null: the daemon's lock is not checked
     * @throws InterconnectConfigException naming the option when an address does not parse
     * @throws OvsdbException              when a database cannot be reached
     */
    public static InterconnectObserver connect(String availabilityZone, String nbEndpoints, String icSbEndpoints,
                                               String sbEndpoints, OvsdbTls tls, Duration requestTimeout) {
        if (availabilityZone == null || !IcEndpoints.ZONE_NAME.matcher(availabilityZone).matches()) {
            throw new InterconnectConfigException("availability zone \"" + availabilityZone + "\" must match "
                    + IcEndpoints.ZONE_NAME.pattern());
        }
        List<OvsdbEndpoint> nbEps = parse("--ovn-nb", nbEndpoints);
        List<OvsdbEndpoint> icSbEps = icSbEndpoints == null ? null : parse("ic-sb", icSbEndpoints);
        List<OvsdbEndpoint> sbEps = sbEndpoints == null ? null : parse("--ovn-sb", sbEndpoints);
        OvsdbEventLoop loop = OvsdbEventLoop.create(1);
        List<OvsdbClient> opened = new ArrayList<>();
        try {
            OvsdbClient nb = open(Databases.nb(availabilityZone, nbEps, tls, loop, requestTimeout), opened);
            OvsdbClient icSb = icSbEps == null ? null : open(Databases.icSb(icSbEps, tls, loop, requestTimeout), opened);
            OvsdbClient sb = sbEps == null ? null : open(Databases.sb(availabilityZone, sbEps, tls, loop,
                    requestTimeout), opened);
            return new InterconnectObserver(availabilityZone, loop, nb, icSb, sb);
        } catch (RuntimeException e) {
            opened.forEach(OvsdbClient::close);
            loop.close();
            throw e;
        }
    }

    private static OvsdbClient open(io.fedgate.interconnect.ovsdb.OvsdbClientConfig config, List<OvsdbClient> opened) {
        OvsdbClient c = OvsdbClient.connect(config);
        opened.add(c);
        return c;
    }

    private static List<OvsdbEndpoint> parse(String option, String text) {
        try {
            return OvsdbEndpoint.parseList(text);
        } catch (IllegalArgumentException e) {
            throw new InterconnectConfigException(option + ": " + e.getMessage());
        }
    }

    /** One look at the databases (replicas, plus one lock round trip to the SB). */
    public Observation observe() {
        List<String> problems = new ArrayList<>();
        DatabaseSnapshot nbNow = nb.snapshot();
        String name = nbNow.rows("NB_Global").stream().findFirst().map(r -> r.string("name")).orElse("");
        if (!name.equals(availabilityZone)) {
            problems.add(nb.label() + ": NB_Global.name is \"" + name + "\", not the AZ name \"" + availabilityZone
                    + "\" from ovn-ic-config; ovn-ic registers the AZ under NB_Global.name");
        }
        List<Cidr> learned = StatusReader.learnedRoutes(nbNow).stream().map(InterconnectStatus.LearnedRoute::network)
                .filter(java.util.Objects::nonNull).distinct().sorted().toList();
        boolean registered = icSb != null && !icSb.snapshot()
                .find("Availability_Zone", (Row r) -> availabilityZone.equals(r.string("name"))).isEmpty();
        Boolean daemon = null;
        if (sb != null) {
            try {
                daemon = sb.lockHeldElsewhere(Databases.OVN_IC_LOCK);
            } catch (OvsdbException e) {
                daemon = false;
                problems.add(sb.label() + ": cannot check the " + Databases.OVN_IC_LOCK + " lock: " + e.getMessage());
            }
        }
        return new Observation(daemon, registered, learned, problems);
    }

    /** The AZ this observer reads. */
    public String availabilityZone() {
        return availabilityZone;
    }

    /** Transactions this observer sent: always 0, it only reads; for tests that say so. */
    public long transactionCount() {
        long n = nb.transactionCount();
        if (icSb != null) {
            n += icSb.transactionCount();
        }
        if (sb != null) {
            n += sb.transactionCount();
        }
        return n;
    }

    /** Closes every connection. */
    @Override
    public void close() {
        nb.close();
        if (icSb != null) {
            icSb.close();
        }
        if (sb != null) {
            sb.close();
        }
        loop.close();
    }
}
