package io.fedgate.cli;

import io.fedgate.api.net.IpAddresses;
import io.fedgate.api.pki.CertificateAuthority;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.PkiException;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.api.pki.TlsMaterial;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fedgate pki}: create the cluster set's CA and issue certificates from it by hand (the hub issues
 * them at join time; this is for bootstrapping, demos and tests).
 */
@Command(name = "pki", mixinStandardHelpOptions = true,
        description = "Create the cluster set's CA and issue SPIFFE certificates from it.",
        subcommands = {PkiCommand.Init.class, PkiCommand.Issue.class})
final class PkiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: init or issue");
    }

    /** {@code fedgate pki init}: a new CA in a directory. */
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Create a new CA for a cluster set: DIR/ca.crt and DIR/ca.key (0600).",
                "Refuses to replace an existing CA unless --force is given."})
    static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--clusterset", required = true, paramLabel = "NAME",
                description = "Cluster set name, the SPIFFE trust domain (DNS-1123 subdomain).")
        String clusterSet;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to create the CA in.")
        Path out;

        @Option(names = "--days", paramLabel = "N", defaultValue = "3650",
                description = "Validity of the CA certificate in days (default: ${DEFAULT-VALUE}).")
        long days;

        @Option(names = "--force", description = "Replace a CA already in DIR (every certificate it issued stops "
                + "being trusted by whoever trusts only the new one).")
        boolean force;

        @Override
        public Integer call() {
            Duration validity = validity(days);
            if (CertificateAuthority.existsIn(out) && !force) {
                throw new UserInputException(out + " already holds a CA (" + CertificateAuthority.CERT_FILE + ", "
                        + CertificateAuthority.KEY_FILE + "); use --force to replace it");
            }
            CertificateAuthority ca = CertificateAuthority.create(clusterSet, validity, Clock.systemUTC());
            ca.saveReplacing(out);
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println("Created CA in " + out);
            stdout.println("  subject:      " + ca.certificate().getSubjectX500Principal().getName());
            stdout.println("  trust domain: " + SpiffeId.trustDomainId(ca.clusterSet()));
            stdout.println("  sha256:       " + ca.fingerprintSha256());
            stdout.println("  expires:      " + ca.certificate().getNotAfter().toInstant());
            stdout.flush();
            return 0;
        }
    }

    /** {@code fedgate pki issue}: key and certificate for one identity, as a {@code --cert DIR}. */
    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = {"Issue a key and certificate from a CA directory and write DIR/tls.key (0600), "
                + "DIR/tls.crt and DIR/ca.crt: the directory --cert options take.",
                "Give --cluster and --component, or --admin. Files already in DIR are replaced."})
    static final class Issue implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--ca", required = true, paramLabel = "DIR", description = "CA directory made by `pki init`.")
        Path caDir;

        @Option(names = "--cluster", paramLabel = "ID", description = "Cluster id (DNS-1123 label).")
        String clusterId;

        @Option(names = "--component", paramLabel = "COMPONENT", description = "hub, agent or gateway.")
        String component;

        @Option(names = "--admin", paramLabel = "NAME",
                description = "Issue an admin identity (for `fedgate ctl`) instead of a cluster component's.")
        String admin;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write to.")
        Path out;

        @Option(names = "--days", paramLabel = "N", defaultValue = "365",
                description = "Validity in days, cut at the CA's expiry (default: ${DEFAULT-VALUE}).")
        long days;

        @Option(names = "--dns", paramLabel = "NAME", description = "Extra DNS SAN, e.g. localhost (repeatable).")
        List<String> dnsNames = new ArrayList<>();

        @Option(names = "--ip", paramLabel = "ADDR", description = "Extra IP SAN, e.g. 127.0.0.1 (repeatable).")
        List<String> ipAddresses = new ArrayList<>();

        @Override
        public Integer call() {
            Duration validity = validity(days);
            List<InetAddress> addresses = parseAddresses(ipAddresses);
            CertificateAuthority ca;
            try {
                ca = CertificateAuthority.load(caDir, Clock.systemUTC());
            } catch (PkiException e) {
                throw new UserInputException("--ca " + e.getMessage());
            }
            TlsMaterial material = ca.issue(identity(ca.clusterSet()), validity, dnsNames, addresses);
            material.save(out);
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println("Issued " + material.identity());
            stdout.println("  files:   " + out.resolve(TlsMaterial.KEY_FILE) + " (0600), "
                    + out.resolve(TlsMaterial.CERT_FILE) + ", " + out.resolve(TlsMaterial.TRUST_FILE));
            stdout.println("  expires: " + material.certificate().getNotAfter().toInstant());
            stdout.flush();
            return 0;
        }

        private SpiffeId identity(String clusterSet) {
            if (admin != null) {
                if (clusterId != null || component != null) {
                    throw new UserInputException("--admin cannot be combined with --cluster or --component");
                }
                return SpiffeId.admin(clusterSet, admin);
            }
            if (clusterId == null || component == null) {
                throw new UserInputException("give --cluster ID and --component " + Component.allIds().replace(", ", "|")
                        + ", or --admin NAME");
            }
            return SpiffeId.cluster(clusterSet, clusterId, Component.parse(component));
        }

        private static List<InetAddress> parseAddresses(List<String> texts) {
            List<InetAddress> addresses = new ArrayList<>();
            for (String text : texts) {
                if (!IpAddresses.isLiteral(text)) {
                    throw new UserInputException("--ip \"" + text + "\" is not an IP address");
                }
                try {
                    // a literal: InetAddress parses it without any DNS lookup
                    addresses.add(InetAddress.getByName(text));
                } catch (UnknownHostException e) {
                    throw new UserInputException("--ip \"" + text + "\" is not an IP address");
                }
            }
            return addresses;
        }
    }

    private static Duration validity(long days) {
        if (days < 1) {
            throw new UserInputException("--days " + days + " must be at least 1");
        }
        return Duration.ofDays(days);
    }
}
