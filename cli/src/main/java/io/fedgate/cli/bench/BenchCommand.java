package io.fedgate.cli.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fedgate bench}: benchmarks that run real components locally and report numbers (not tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks against real components on this machine.",
        subcommands = {BenchHubCommand.class, BenchJoinFloodCommand.class, BenchAgentCommand.class, BenchIcCommand.class, GatewayBenchCommands.Gateway.class, GatewayBenchCommands.Failover.class})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: hub, join-flood, agent, ic, gateway or failover");
    }
}
