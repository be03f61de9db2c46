package io.github.kvkit.validator.cli;

import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Says what is wrong with a command line, and exits {@link ExitCode#USAGE}.
 *
 * <p>A value one of kvkit's converters refused ({@link BadValueException}) gets one line naming the option, the
 * value and what was expected, and the report files asked for are written, as for every other usage error of a
 * validation ({@code docs/validator.md} promises them whatever the exit code). Anything else picocli found (an
 * unknown option, a missing parameter) gets picocli's message and a pointer to {@code --help}.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        if (e.getCause() instanceof BadValueException bad && e.getArgSpec() instanceof OptionSpec option) {
            String message = option.longestName() + " " + bad.getMessage();
            ValidateOptions given = validateOptionsAsGiven(args);
            if (given != null) {
                return new ValidateRun(given, cmd.getOut(), err).usageError(message);
            }
            err.println("error: " + message);
        } else {
            err.println("error: " + e.getMessage());
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        }
        err.flush();
        return ExitCode.USAGE;
    }

    /**
     * The validate options of the command that would have run, or null when that command grades nothing.
     *
     * <p>picocli stops at the first bad value, so the options after it ({@code --json} and the like) are not set
     * on the command that failed. A second parse of the same arguments that collects errors instead of stopping
     * sets every option it can.
     */
    private static ValidateOptions validateOptionsAsGiven(String[] args) {
        CommandLine again = Cli.commands();
        collectErrors(again);
        ParseResult result = again.parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        for (CommandSpec mixin : result.commandSpec().mixins().values()) {
            if (mixin.userObject() instanceof ValidateOptions options) {
                return options;
            }
        }
        return null;
    }

    private static void collectErrors(CommandLine root) {
        Deque<CommandLine> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            CommandLine cmd = todo.pop();
            cmd.getCommandSpec().parser().collectErrors(true);
            cmd.getSubcommands().values().forEach(todo::push);
        }
    }
}
