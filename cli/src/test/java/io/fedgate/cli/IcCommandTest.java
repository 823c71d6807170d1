package io.fedgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.codec.FederationJson;
import io.fedgate.api.model.InterconnectPlan;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class IcCommandTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Fedgate.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static final String TOPOLOGY = topology("two-cluster-routed.yaml");

    /** An example topology, found from the module or the repository root. */
    static String topology(String name) {
        java.nio.file.Path inModule = java.nio.file.Path.of("..", "topology-examples", name);
        return (java.nio.file.Files.exists(inModule) ? inModule : java.nio.file.Path.of("topology-examples", name)).toString();
    }

    @Test
    void planPrintsTheInterconnectPlanAsJsonThatParsesBackAndExplainsOnStderr() throws Exception {
        Run r = run("ic", "plan", "--topology", TOPOLOGY, "--transit-switches", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        InterconnectPlan plan = FederationJson.mapper().readValue(r.out(), InterconnectPlan.class);
        assertThat(plan.transitSwitches()).extracting(t -> t.name()).containsExactly("ts", "ts1");
        assertThat(plan.zones()).extracting(z -> z.availabilityZone()).containsExactly("az-east", "az-west");
        assertThat(plan.transitSwitches().get(0).member("az-west").address().addressText()).isEqualTo("169.254.100.2");
        assertThat(r.err()).contains("# interconnect group: east, west")
                .contains("# path east -> west: ROUTED, both in the OVN interconnect group");
    }

    @Test
    void aBadTopologyNamesEachProblemsPathAndExitsTwo() throws Exception {
        java.nio.file.Path bad = java.nio.file.Files.createTempFile("fedgate-topology", ".yaml");
        try {
            java.nio.file.Files.writeString(bad, "clusterSet: x\nclusters:\n  - id: A\n    region: r\n");
            Run r = run("ic", "plan", "--topology", bad.toString());
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("InvalidDocumentException").contains("clusters[0].id: \"A\" is not a DNS-1123 label");
        } finally {
            java.nio.file.Files.deleteIfExists(bad);
        }
    }

    @Test
    void applyRefusesAnAzOutsideThePlanNamingItAndThePlannedAzs() {
        // the NB address is never dialled: the check comes before any connection
        Run r = run("ic", "apply", "--topology", TOPOLOGY, "--ic-nb", "tcp:127.0.0.1:1",
                "--az", "az-north=tcp:127.0.0.1:1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n")
                .contains("--az az-north: AZ \"az-north\" is not in the plan's interconnect group "
                        + "(planned AZs: az-east, az-west); nothing was written");
    }

    @Test
    void aMalformedZoneFlagIsAUsageErrorOnOneLine() {
        Run r = run("ic", "status", "--az", "az1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n")
                .contains("InterconnectConfigException: --az \"az1\" must be NAME=ENDPOINT");
    }

    @Test
    void aMalformedUrlIsAUsageError() {
        Run r = run("ic", "status", "--ic-nb", "http://hub:6645");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--ic-nb: \"http://hub:6645\" is not an OVSDB endpoint");
    }

    @Test
    void leaveNeedsBothInterconnectDatabases() {
        Run r = run("ic", "leave", "--az", "az1=tcp:127.0.0.1:6641", "--ic-nb", "tcp:127.0.0.1:6645");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--ic-sb URL is required");
    }

    @Test
    void statusWithoutAnyDatabaseIsAUsageError() {
        Run r = run("ic", "status");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("give --ic-nb URL and/or --az NAME=NB_URL");
    }

    @Test
    void anUnknownFlagIsAUsageError() {
        assertThat(run("ic", "status", "--frobnicate").exit()).isEqualTo(2);
    }
}
