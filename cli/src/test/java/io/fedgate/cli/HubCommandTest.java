package io.fedgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HubCommandTest {
    @TempDir
    Path tmp;

    private record Run(int exitCode, String err) {
    }

    private static Run fedgate(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cmd = Fedgate.commandLine();
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        cmd.setErr(new PrintWriter(err, true));
        return new Run(cmd.execute(args), err.toString());
    }

    @Test
    void missingConfigFileIsAUsageErrorNamingIt() {
        Run run = fedgate("hub", "--config", tmp.resolve("hub.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(Fedgate.EXIT_USAGE);
        assertThat(run.err()).contains("hub.yaml: no such file");
    }

    @Test
    void invalidConfigIsAUsageErrorNamingEveryBadKey() throws Exception {
        Path config = Files.writeString(tmp.resolve("hub.yaml"), "clusterSet: ok\napi: {port: 99999}\n");

        Run run = fedgate("hub", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(Fedgate.EXIT_USAGE);
        assertThat(run.err()).contains("api.port: 99999 is not a port", "dataDir: is required");
    }

    @Test
    void unknownLogLevelIsAUsageError() {
        Run run = fedgate("hub", "--config", "x.yaml", "--log-level=loud");

        assertThat(run.exitCode()).isEqualTo(Fedgate.EXIT_USAGE);
        assertThat(run.err()).contains("--log-level: \"loud\" is not one of trace, debug, info, warn, error");
    }
}
