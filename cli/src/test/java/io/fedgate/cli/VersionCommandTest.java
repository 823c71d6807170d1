package io.fedgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class VersionCommandTest {

    @Test
    void versionPrintsTheBuildVersionAndExitsZero() {
        StringWriter out = new StringWriter();
        picocli.CommandLine cmd = Fedgate.commandLine();
        cmd.setOut(new PrintWriter(out));
        int code = cmd.execute("--version");
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("fedgate 0.");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        StringWriter err = new StringWriter();
        picocli.CommandLine cmd = Fedgate.commandLine();
        cmd.setErr(new PrintWriter(err));
        assertThat(cmd.execute("no-such-command")).isEqualTo(Fedgate.EXIT_USAGE);
        assertThat(err.toString()).contains("no-such-command");
    }
}
