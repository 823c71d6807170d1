package io.fedgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.pki.CertificateAuthority;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.api.pki.TlsMaterial;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PkiCommandTest {

    @TempDir
    Path tmp;

    /** One run of {@code fedgate ARGS}: exit code and what it printed. */
    private record Run(int exitCode, String out, String err) {
    }

    private static Run fedgate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Fedgate.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exitCode = cmd.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private Path initCa() {
        Path ca = tmp.resolve("ca");
        Run init = fedgate("pki", "init", "--clusterset", "finance", "--out", ca.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        return ca;
    }

    private static void assertOneLineUsageError(Run run, String expectedMessage) {
        assertThat(run.exitCode()).isEqualTo(Fedgate.EXIT_USAGE);
        assertThat(run.err().strip()).doesNotContain("\n").doesNotContain("\tat ").contains(expectedMessage);
    }

    @Test
    void initCreatesTheCaAndPrintsItsFacts() throws Exception {
        Path ca = tmp.resolve("ca");

        Run init = fedgate("pki", "init", "--clusterset", "finance", "--out", ca.toString(), "--days", "30");

        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ca.resolve("ca.key"))))
                .isEqualTo("rw-------");
        CertificateAuthority loaded = CertificateAuthority.load(ca, Clock.systemUTC());
        assertThat(init.out())
                .contains("subject:      " + loaded.certificate().getSubjectX500Principal().getName())
                .contains("trust domain: spiffe://finance")
                .contains("sha256:       " + loaded.fingerprintSha256())
                .contains("expires:      " + loaded.certificate().getNotAfter().toInstant());
    }

    @Test
    void initRefusesToReplaceACaUnlessForced() {
        Path ca = initCa();
        String before = CertificateAuthority.load(ca, Clock.systemUTC()).fingerprintSha256();

        Run again = fedgate("pki", "init", "--clusterset", "finance", "--out", ca.toString());
        assertOneLineUsageError(again, ca + " already holds a CA (ca.crt, ca.key); use --force to replace it");
        assertThat(CertificateAuthority.load(ca, Clock.systemUTC()).fingerprintSha256()).isEqualTo(before);

        Run forced = fedgate("pki", "init", "--clusterset", "finance", "--out", ca.toString(), "--force");
        assertThat(forced.exitCode()).isZero();
        assertThat(CertificateAuthority.load(ca, Clock.systemUTC()).fingerprintSha256()).isNotEqualTo(before);
    }

    @Test
    void issueWritesACertDirectoryWhoseCertificateCarriesTheSpiffeId() throws Exception {
        Path ca = initCa();
        Path out = tmp.resolve("agent");

        Run issue = fedgate("pki", "issue", "--ca", ca.toString(), "--cluster", "east", "--component", "agent",
                "--out", out.toString(), "--dns", "localhost", "--ip", "127.0.0.1", "--ip", "::1");

        assertThat(issue.exitCode()).as(issue.err()).isZero();
        assertThat(issue.out()).startsWith("Issued spiffe://finance/cluster/east/agent");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("tls.key"))))
                .isEqualTo("rw-------");
        TlsMaterial material = TlsMaterial.load(out);
        X509Certificate leaf = material.certificate();
        assertThat(leaf.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(6, "spiffe://finance/cluster/east/agent"), List.of(2, "localhost"),
                List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
        CertificateAuthority loaded = CertificateAuthority.load(ca, Clock.systemUTC());
        assertThat(material.trustAnchors()).containsExactly(loaded.certificate());
        assertThat(loaded.identityVerifier().verify(material.certificateChain().toArray(new X509Certificate[0]),
                "east", Component.AGENT)).isEqualTo(SpiffeId.cluster("finance", "east", Component.AGENT));
    }

    @Test
    void issueWritesAnAdminIdentity() {
        Path ca = initCa();
        Path out = tmp.resolve("alice");

        Run issue = fedgate("pki", "issue", "--ca", ca.toString(), "--admin", "alice", "--out", out.toString());

        assertThat(issue.exitCode()).as(issue.err()).isZero();
        assertThat(TlsMaterial.load(out).identity()).isEqualTo(SpiffeId.admin("finance", "alice"));
    }

    @Test
    void badClusterIdIsAOneLineUsageError() {
        Path ca = initCa();

        Run issue = fedgate("pki", "issue", "--ca", ca.toString(), "--cluster", "Bad_Id", "--component", "agent",
                "--out", tmp.resolve("x").toString());

        assertOneLineUsageError(issue, "cluster id \"Bad_Id\" is not a DNS-1123 label");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void unknownComponentIsAOneLineUsageError() {
        Path ca = initCa();

        Run issue = fedgate("pki", "issue", "--ca", ca.toString(), "--cluster", "east", "--component", "router",
                "--out", tmp.resolve("x").toString());

        assertOneLineUsageError(issue, "component \"router\" is not one of hub, agent, gateway");
    }

    @Test
    void missingCaDirectoryIsAOneLineUsageError() {
        Path missing = tmp.resolve("no-such-ca");

        Run issue = fedgate("pki", "issue", "--ca", missing.toString(), "--cluster", "east", "--component", "agent",
                "--out", tmp.resolve("x").toString());

        assertOneLineUsageError(issue, "--ca " + missing + ": no such CA directory");
    }

    @Test
    void garbledCaFileIsNamed() throws Exception {
        Path ca = initCa();
        Files.writeString(ca.resolve("ca.crt"), "garbage");

        Run issue = fedgate("pki", "issue", "--ca", ca.toString(), "--admin", "alice", "--out", tmp.resolve("x").toString());

        assertOneLineUsageError(issue, ca.resolve("ca.crt") + ": no PEM block found");
    }

    @Test
    void identityFlagsMustBeEitherClusterAndComponentOrAdmin() {
        Path ca = initCa();
        String out = tmp.resolve("x").toString();

        assertOneLineUsageError(fedgate("pki", "issue", "--ca", ca.toString(), "--admin", "alice", "--cluster", "east",
                "--out", out), "--admin cannot be combined with --cluster or --component");
        assertOneLineUsageError(fedgate("pki", "issue", "--ca", ca.toString(), "--cluster", "east", "--out", out),
                "give --cluster ID and --component hub|agent|gateway, or --admin NAME");
    }

    @Test
    void badIpAndDaysAreOneLineUsageErrors() {
        Path ca = initCa();
        String out = tmp.resolve("x").toString();

        assertOneLineUsageError(fedgate("pki", "issue", "--ca", ca.toString(), "--admin", "a", "--ip", "localhost",
                "--out", out), "--ip \"localhost\" is not an IP address");
        assertOneLineUsageError(fedgate("pki", "issue", "--ca", ca.toString(), "--admin", "a", "--days", "0",
                "--out", out), "--days 0 must be at least 1");
        assertOneLineUsageError(fedgate("pki", "init", "--clusterset", "Not_A_Name", "--out", out),
                "cluster set \"Not_A_Name\" is not a DNS-1123 subdomain");
    }

    @Test
    void everyPkiCommandHasHelp() {
        for (String[] args : List.of(new String[] {"pki", "--help"}, new String[] {"pki", "init", "--help"},
                new String[] {"pki", "issue", "--help"})) {
            Run help = fedgate(args);
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).contains("Usage: fedgate pki");
        }
    }

    @Test
    void pkiWithoutSubcommandIsAUsageError() {
        Run run = fedgate("pki");

        assertThat(run.exitCode()).isEqualTo(Fedgate.EXIT_USAGE);
        assertThat(run.err()).contains("Missing subcommand: init or issue");
    }
}
