package io.fedgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fedgate} command. Each subcommand lives in its own class and wires one module.
 *
 * <p>Exit codes: 0 success; 1 a runtime failure (a peer unreachable, a write refused); 2 bad input from
 * the user (a bad file, a bad flag). User mistakes print a one-line reason, never a stack trace.
 */
@Command(name = "fedgate", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Multi-cluster federation and active-active gateways for Kubernetes.",
        subcommands = {
            VersionCommand.class,
            TopologyCommand.class,
            PkiCommand.class,
            HubCommand.class,
            CtlCommand.class,
            AgentCommand.class,
            GatewayCommand.class,
            IcCommand.class,
            io.fedgate.cli.demo.DemoCommand.class,
            io.fedgate.cli.bench.BenchCommand.class,
        })
public final class Fedgate {

    /** Exit code for input the user can fix. */
    public static final int EXIT_USAGE = 2;
    /** Exit code for failures at run time. */
    public static final int EXIT_FAILURE = 1;

    private Fedgate() {
    }

    /** Builds the command line with fedgate's error handling. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Fedgate());
        cmd.setExecutionExceptionHandler(new ErrorReporter());
        return cmd;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
