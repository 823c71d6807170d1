package io.fedgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions escaping a subcommand into an exit code and a one-line reason on stderr. The reason
 * names the exception type so scripts and operators can tell failures apart; stack traces only with
 * {@code FEDGATE_DEBUG=1}.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        boolean userError = ex instanceof UserInputException || ex instanceof IllegalArgumentException;
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getClass().getSimpleName() + ": "
                + ex.getMessage());
        if ("1".equals(System.getenv("FEDGATE_DEBUG"))) {
            ex.printStackTrace(cmd.getErr());
        }
        return userError ? Fedgate.EXIT_USAGE : Fedgate.EXIT_FAILURE;
    }
}
