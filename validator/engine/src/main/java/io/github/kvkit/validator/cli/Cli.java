package io.github.kvkit.validator.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/** Builds the command line, wired to the given streams so tests can read what it prints. */
public final class Cli {

    private Cli() {
    }

    /** The {@code kvkit} command with its subcommands, printing to {@code out} and {@code err}. */
    public static CommandLine create(PrintWriter out, PrintWriter err) {
        CommandLine cli = commands();
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? ExitCode.USAGE
                : ExitCode.INTERNAL_ERROR);
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("internal error: " + e + " (this is a bug in kvkit, please report it with the command you ran)");
            return ExitCode.INTERNAL_ERROR;
        });
        return cli;
    }

    /** The {@code kvkit} command tree as it parses, without streams or handlers. */
    static CommandLine commands() {
        return new CommandLine(new KvkitCommand());
    }
}
