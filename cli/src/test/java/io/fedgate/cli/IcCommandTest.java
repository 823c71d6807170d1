package io.fedgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
